"""Helpers for the site tests (not a conftest, so test modules can import it by name)."""

from pathlib import Path

from sitetest import ROOT, build, html  # noqa: F401


def card_titles(soup):
    """Titles of the post cards on a listing, in order."""
    return [h.get_text() for h in soup.select(".card .card-title")]


def every_html(out):
    """Every HTML file of a built site."""
    return sorted(Path(out).rglob("*.html"))
