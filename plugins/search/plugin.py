"""Signals of the search plugin.

- ``initialized``: validate ``SEARCH`` (defaults from settings.py).
- ``get_generators``: add the generator of the /search/ page.
- ``build_guard_output_ready`` (or ``finalized`` without build_guard): index the
  output with Pagefind, before build_guard swaps it in, so a failure fails the build.
"""

from blinker import signal
from pelican import signals

from .index import build_index
from .page import SearchPageGenerator
from .settings import validated


def configure(pelican):
    pelican.settings["SEARCH"] = validated(pelican.settings.get("SEARCH"))


def get_generators(pelican):
    return SearchPageGenerator


def index_output(pelican):
    """Runs at most once per build, on whichever signal comes first."""
    if getattr(pelican, "search_indexed", False):
        return
    pelican.search_indexed = True
    build_index(pelican.settings["OUTPUT_PATH"], pelican.settings["SEARCH"])


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signal("build_guard_output_ready").connect(index_output)
    signals.finalized.connect(index_output)
