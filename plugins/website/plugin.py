"""Signals of the website plugin, in the order they fire."""

import os
from itertools import chain

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .config import configure
from .data import Data, check_menu, load_data
from .duplicates import check_duplicates, check_outputs, drop_long_names, site_outputs
from .links import site_url
from .pages import ThemePagesGenerator
from .paths import Bundles, place_page, place_static_files
from .paths import display_path as shown
from .redirects import RedirectGenerator
from .templates import check_templates

BUNDLES = Bundles()


def setup(pelican):
    """``initialized``: settings, then the data files (templates see them as ``DATA``)."""
    site = configure(pelican.settings)
    BUNDLES.clear()
    BUNDLES.unpublished.clear()
    folder = os.path.join(pelican.settings["PATH"], site["DATA_PATH"])
    data = load_data(folder, shown)
    menu_file = os.path.join(folder, "menu.yaml")
    if "menu" in data:
        data["menu"] = check_menu(data["menu"], menu_file, shown)
    else:  # the theme's own menu: the header leaves out entries for pages the site does not have
        data["menu"] = check_menu(site["MENU"], None, shown)
        data["menu_is_default"] = True
    pelican.settings["DATA"] = Data(data)
    pelican.settings.setdefault("JINJA_FILTERS", {})["site_url"] = site_url


def add_generators(pelican):
    return [RedirectGenerator, ThemePagesGenerator]


def remember_bundles(generators):
    """``all_generators_finalized``: duplicate posts and pages, missing templates, where each
    bundle's files go, then any path claimed twice."""
    drop_long_names(generators, shown)
    check_duplicates(generators, shown)
    check_templates(generators, shown)
    settings = generators[0].settings
    sources = []  # what the generators listed (and fastbuild remembers): no second walk
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            BUNDLES.add(chain(gen.articles, gen.hidden_articles, gen.drafts))
            sources += gen.get_files(
                settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
            )
        elif isinstance(gen, PagesGenerator):
            BUNDLES.add(chain(gen.pages, gen.hidden_pages, gen.draft_pages))
            sources += gen.get_files(settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"])
    BUNDLES.find_unpublished(sources, section_roots=settings["ARTICLE_PATHS"])
    for gen in generators:
        if hasattr(gen, "staticfiles"):
            place_static_files(gen, BUNDLES, settings["SITE"]["STATIC_ROOT"])
    check_outputs(generators, shown)


def our_outputs(generators):
    """``site_outputs``: the redirects, the home page when no page is it, the 404 page."""
    for gen in generators:
        if isinstance(gen, (RedirectGenerator, ThemePagesGenerator)):
            yield from gen.outputs()


def register():
    signals.initialized.connect(setup)
    signals.content_object_init.connect(place_page)
    signals.get_generators.connect(add_generators)
    signals.all_generators_finalized.connect(remember_bundles)
    site_outputs.connect(our_outputs)
