"""Two posts or pages at one address fail the build, naming every file involved."""

import logging
from itertools import chain

from pelican.generators import ArticlesGenerator, PagesGenerator

logger = logging.getLogger(__name__)


def contents_of(generators):
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            yield from chain(gen.articles, gen.hidden_articles, gen.drafts)
        elif isinstance(gen, PagesGenerator):
            yield from chain(gen.pages, gen.hidden_pages, gen.draft_pages)


def where(content, shown):
    lines = content.metadata.get("source_lines", {})
    line = lines.get("slug") or lines.get("title") or content.metadata.get("source_line", 1)
    return shown(content.source_path), line


def listing_pages(generators):
    """save_as -> what Pelican writes there: the blog index and each taxonomy page."""
    taken = {}
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            if gen.settings.get("INDEX_SAVE_AS"):
                taken[gen.settings["INDEX_SAVE_AS"]] = "the blog index"
            for kind in ("tags", "categories", "authors"):
                items = gen.tags.items() if kind == "tags" else getattr(gen, kind)
                for item, _articles in items:
                    taken[item.save_as] = f"the {kind[:-1] if kind != 'categories' else 'category'} page of '{item}'"
    return taken


def check_duplicates(generators, shown):
    """``all_generators_finalized``: one error line per file that shares its address."""
    by_save_as = {}
    for content in contents_of(generators):
        by_save_as.setdefault(content.save_as, []).append(content)
    listings = listing_pages(generators)
    parked = 0
    for save_as, group in by_save_as.items():
        if save_as in listings:
            for content in group:
                path, line = where(content, shown)
                logger.error("%s:%d: address /%s is also %s; give this page another path or slug",
                             path, line, content.url, listings[save_as])
                parked += 1
                content.override_save_as = f".duplicates/{parked}.html"
            continue
        if len(group) < 2:
            continue
        group.sort(key=lambda c: c.source_path)
        for content in group:
            path, line = where(content, shown)
            others = ", ".join("%s:%d" % where(o, shown) for o in group if o is not content)
            if all(type(c) is type(group[0]) for c in group) and getattr(content, "slug", None):
                what = f"slug {content.slug!r}"
            else:
                what = f"address /{content.url}"
            logger.error("%s:%d: %s is also used by %s; give one of them another slug", path, line, what, others)
        # The build fails at the end; park the extra copies so writing them cannot crash it first.
        for content in group[1:]:
            parked += 1
            content.override_save_as = f".duplicates/{parked}.html"
