"""Helpers for the site tests (not a conftest, so test modules can import it by name)."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("project_conftest", Path(__file__).parents[1] / "conftest.py")
_project = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_project)

ROOT = _project.ROOT
build = _project.build
html = _project.html


def card_titles(soup):
    """Titles of the post cards on a listing, in order."""
    return [h.get_text() for h in soup.select(".card .card-title")]


def every_html(out):
    """Every HTML file of a built site."""
    return sorted(Path(out).rglob("*.html"))
