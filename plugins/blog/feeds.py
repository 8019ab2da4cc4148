"""Feeds that read well anywhere: absolute links, literal titles, and RSS copies at
``/index.xml`` and ``/blog/index.xml`` where 2i2c's readers and newsletter tools already point."""

import functools
import os
import re
import shutil
from urllib.parse import urljoin, urlsplit

from pelican.utils import posixize_path

# Characters XML 1.0 forbids (control characters but tab and line ends): a post imported from
# an old export may carry one, and a feed with it would not be written at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# href/src attribute values in rendered HTML; enough for Markdown output.
LINK_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""", re.I | re.S)


def absolute_links(html, base):
    """Resolve every relative href/src of ``html`` against ``base`` (the post's URL)."""
    if not html:
        return html

    def resolve(m):
        url = m.group(3)
        if not url.startswith(("http://", "https://", "mailto:")):
            url = urljoin(base, url)
        return f"{m.group(1)}{m.group(2)}{url}{m.group(2)}"

    return LINK_ATTR.sub(resolve, html)


@functools.lru_cache(maxsize=4096)
def feed_html(html, base):
    """A post's HTML as feeds carry it: absolute links, no character XML forbids. A post is in
    several feeds (all posts, RSS, each tag and category): made once."""
    return NOT_XML.sub("", absolute_links(html, base)) if html else html


def fix_items(context, feed):
    """``feed_generated``: absolute URLs in each entry, and its title as written."""
    by_path = context.get("_feed_content_by_path")
    if by_path is None:  # once per build, not once per feed
        by_path = context["_feed_content_by_path"] = {
            "/" + content.url.lstrip("/"): content
            for key in ("articles", "pages")
            for content in context.get(key, [])
        }
    for item in feed.items:
        base = item["link"]
        for key in ("description", "content"):
            item[key] = feed_html(item.get(key), base)
        content = by_path.get(urlsplit(base).path)
        if content is not None:
            # Pelican strips tags from titles; ours are plain text, so keep "<script>" as written.
            item["title"] = content.title
            names = [str(c) for c in getattr(content, "categories", [])] + [
                str(t) for t in getattr(content, "tags", [])
            ]
            item["categories"] = tuple(names)
            authors = ", ".join(str(a) for a in getattr(content, "authors", []))
            item["author_name"] = authors or context.get("SITENAME")
        for key in ("title", "author_name"):
            if isinstance(item.get(key), str):
                item[key] = NOT_XML.sub("", item[key])
        item["categories"] = tuple(NOT_XML.sub("", c) for c in item.get("categories") or ())


def copy_rss(path, context, feed):
    """``feed_written``: the all-posts RSS feed is also served from each path of ``BLOG["RSS_COPY"]``."""
    main = context.get("FEED_ALL_RSS")
    if not main or not posixize_path(path).endswith("/" + main):
        return
    for copy in context["BLOG"]["RSS_COPY"]:
        target = os.path.join(path[: -len(main)], copy)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)
