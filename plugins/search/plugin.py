"""Signals of the search plugin.

- ``initialized``: validate ``SEARCH`` (defaults from settings.py).
- ``get_generators``: add the generator of the /search/ page.
- ``site_outputs`` (named signal of the website plugin): the search page's address.
- ``build_guard_output_ready`` (or ``finalized`` without build_guard): index the
  output with Pagefind, before build_guard swaps it in, so a failure fails the build;
  bundles whose pages did not change are taken from the previous output.
"""

from blinker import signal
from pelican import signals

from sitelib import session

from .bundles import index_site
from .page import SearchPageGenerator
from .settings import validated


def configure(pelican):
    pelican.settings["SEARCH"] = validated(pelican.settings.get("SEARCH"))


def get_generators(pelican):
    return SearchPageGenerator


def outputs(generators):
    """``site_outputs`` (named signal of the website plugin): the search page."""
    if any(isinstance(g, SearchPageGenerator) for g in generators):
        yield (generators[0].settings["SEARCH"]["save_as"], "the search page", "generated")


def index_output(pelican):
    """Runs at most once per build, on whichever signal comes first."""
    if getattr(pelican, "search_indexed", False):
        return
    pelican.search_indexed = True
    settings = pelican.settings
    # build_guard stages the new site in OUTPUT_PATH; the last one is still in the session's final folder
    index_site(
        settings["OUTPUT_PATH"], session.final(settings), settings["SEARCH"], session.kept(settings)
    )


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(get_generators)
    signal("build_guard_output_ready").connect(index_output)
    signals.finalized.connect(index_output)
    signal("site_outputs").connect(outputs)
