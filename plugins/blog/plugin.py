"""Signals of the blog plugin."""

from blinker import signal
from pelican import signals

from sitelib.settings import SettingsError

from .feeds import copy_rss, fix_items, forget_feed_html
from .listings import link_neighbours, list_every_category, mark_section_index, take_section_index

DEFAULTS = {
    # Copies of FEED_ALL_RSS at the addresses of the Hugo site's RSS feeds: its home and its blog
    # section (https://gohugo.io/templates/rss/): a path, a list of paths, or "" for none.
    "RSS_COPY": ["blog/index.xml", "index.xml"],
}


def configure(pelican):
    """``initialized``: the ``BLOG`` settings dict over its defaults."""
    given = pelican.settings.get("BLOG") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            "blog", f"unknown setting BLOG[{unknown[0]!r}]; known: {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **given}
    copies = merged["RSS_COPY"]
    copies = [copies] if isinstance(copies, str) else copies
    if not isinstance(copies, list) or not all(isinstance(path, str) for path in copies):
        raise SettingsError(
            "blog", "BLOG['RSS_COPY'] must be a path like 'blog/index.xml', a list of paths, or ''"
        )
    merged["RSS_COPY"] = [path for path in copies if path]
    pelican.settings["BLOG"] = merged


def hugo_term_paths(sender):
    """``site_redirects``: Hugo's default addresses of taxonomies (``/tags/x/``, ``/categories/``,
    ``/authors/x/``) lead to ours, so links and bookmarks made on a Hugo site keep working.
    Kept only where no page or alias has the address (source None)."""
    found = [
        ("/tags/", "/blog/", None, 0),
        ("/categories/", "/blog/", None, 0),
        ("/authors/", "/team/", None, 0),
    ]
    for kind, plural in (("tags", "tags"), ("categories", "categories"), ("authors", "authors")):
        for term, _articles in sender.context.get(kind, []):
            found.append((f"/{plural}/{term.slug}/", "/" + term.url, None, 0))
    return found


def finish_listings(generator):
    list_every_category(generator)
    link_neighbours(generator)


def outputs(generators):
    """``site_outputs`` (named signal of the website plugin): the copies of the RSS feed."""
    settings = generators[0].settings
    if settings.get("FEED_ALL_RSS"):
        for copy in settings["BLOG"]["RSS_COPY"]:
            yield (copy, "the copy of the RSS feed", "generated")


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(mark_section_index)
    signals.article_generator_pretaxonomy.connect(take_section_index)
    signals.article_generator_finalized.connect(finish_listings)
    signals.feed_generated.connect(fix_items)
    signals.feed_written.connect(copy_rss)
    signals.article_generator_write_article.connect(forget_feed_html)
    signal("site_redirects").connect(hugo_term_paths)
    signal("site_outputs").connect(outputs)
