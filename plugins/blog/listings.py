"""What Pelican's listings lack for a Hugo-style blog."""

from collections import defaultdict


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
    generator.categories = sorted(categories.items(), reverse=generator.settings["REVERSE_CATEGORY_ORDER"])
    generator.context["categories"] = generator.categories


def link_neighbours(generator):
    """``newer_article`` / ``older_article`` on each listed post (by date)."""
    ordered = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    for index, article in enumerate(ordered):
        article.newer_article = ordered[index - 1] if index > 0 else None
        article.older_article = ordered[index + 1] if index + 1 < len(ordered) else None
