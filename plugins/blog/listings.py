"""What Pelican's listings lack for a Hugo-style blog."""

import os
from collections import defaultdict

from pelican.contents import Article
from pelican.utils import SafeDatetime, set_date_tzinfo

SECTION_INDEX = "_index.md"


def mark_section_index(instance):
    """``content_object_init``: a blog ``_index.md`` needs no date and is never listed."""
    if isinstance(instance, Article) and os.path.basename(instance.source_path) == SECTION_INDEX:
        if not hasattr(instance, "date"):
            stamp = SafeDatetime.fromtimestamp(os.path.getmtime(instance.source_path))
            instance.date = set_date_tzinfo(
                stamp, instance.settings.get("TIMEZONE")
            )  # comparable with posts' dates
        instance.status = "hidden"


def take_section_index(generator):
    """``content/blog/_index.md`` introduces the blog (as in Hugo); it is not a post.

    The top one becomes ``blog_section`` in templates: its title and text head the blog index.
    """
    tops = {f"{p.strip('/')}/{SECTION_INDEX}" for p in generator.settings["ARTICLE_PATHS"]}
    generator.context["blog_section"] = None
    for name in ("articles", "drafts", "hidden_articles"):
        kept = []
        for article in getattr(generator, name):
            if os.path.basename(article.source_path) != SECTION_INDEX:
                kept.append(article)
            elif article.relative_source_path.replace(os.sep, "/") in tops:
                generator.context["blog_section"] = article
            # deeper _index.md files (blog/2024/_index.md) introduce nothing we show
        setattr(generator, name, kept)


def list_every_category(generator):
    """A post names several ``categories``; list it on each of their pages and feeds.

    Pelican only files a post under its first category (``category``), and files a
    post without categories under DEFAULT_CATEGORY; like Hugo, we list it nowhere.
    """
    categories = defaultdict(list)
    for article in generator.articles:
        for category in getattr(article, "categories", None) or []:
            if article not in categories[category]:
                categories[category].append(article)
    generator.categories = sorted(
        categories.items(), reverse=generator.settings["REVERSE_CATEGORY_ORDER"]
    )
    generator.context["categories"] = generator.categories


def link_neighbours(generator):
    """``newer_article`` / ``older_article`` on each listed post (by date)."""
    ordered = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    for index, article in enumerate(ordered):
        article.newer_article = ordered[index - 1] if index > 0 else None
        article.older_article = ordered[index + 1] if index + 1 < len(ordered) else None
