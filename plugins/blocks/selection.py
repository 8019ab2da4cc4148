"""The pages a ``collection`` or ``logos`` block shows: a section's pages, or posts with a tag."""

import posixpath


def block_pages(block, articles, pages, settings):
    """Posts (newest first) or pages (by weight, then title) the block asks for; ``count`` of them."""
    section = str(block.get("section") or "").strip("/")
    tag = str(block.get("tag") or "").strip().lower()
    article_roots = [p.strip("/") for p in settings.get("ARTICLE_PATHS", [])]
    if not section or section in article_roots:
        chosen = list(articles or [])
    else:
        chosen = sorted(section_pages(section, pages, settings), key=page_order)
    if tag:
        chosen = [
            c
            for c in chosen
            if any(tag in (t.name.lower(), t.slug) for t in getattr(c, "tags", []) or [])
        ]
    count = block.get("count", 3 if block.get("type") == "collection" else 0)
    return chosen[:count] if count else chosen


def section_pages(section, pages, settings):
    roots = [p.strip("/") for p in settings.get("PAGE_PATHS", [])]
    prefixes = [posixpath.join(root, section) + "/" for root in roots]
    for page in pages or []:
        rel = page.relative_source_path.replace("\\", "/")
        if any(
            rel.startswith(prefix) and rel not in (prefix + "index.md", prefix + "_index.md")
            for prefix in prefixes
        ):
            yield page


def page_order(page):
    weight = page.metadata.get("weight")
    return (
        weight
        if isinstance(weight, (int, float)) and not isinstance(weight, bool)
        else float("inf"),
        str(page.title).lower(),
    )
