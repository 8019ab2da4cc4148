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


def link_changes(html, base):
    """Where ``html`` differs in a feed: (start, end, new text) for each relative href/src
    resolved against ``base`` (the post's URL) and each character XML forbids (dropped)."""
    changes = [(m.start(), m.end(), "") for m in NOT_XML.finditer(html)]
    for m in LINK_ATTR.finditer(html):
        url = m.group(3)
        if not url.startswith(("http://", "https://", "mailto:")):
            start, end = m.span(3)
            changes.append((start, end, NOT_XML.sub("", urljoin(base, url))))
    return sorted(changes, key=lambda change: (change[0], -change[1]))  # the widest first


def applied(html, changes):
    pieces, last = [], 0
    for start, end, text in changes:
        if start >= last:  # a forbidden character inside a resolved URL went with it
            pieces += [html[last:start], text]
            last = end
    return "".join(pieces) + html[last:] if pieces else html


def absolute_links(html, base):
    """``html`` with every relative href/src resolved against ``base`` (the post's URL) and
    no character XML forbids."""
    return applied(html, link_changes(html, base)) if html else html


@functools.cache
def changes_of(html, base):
    """A post is in several feeds (all posts, RSS, each tag and category): its changes are
    found once per build (``forget_feed_html``)."""
    return link_changes(html, base)


class FeedItem(dict):
    """A feed entry whose HTML is made as the feed writer reads it, from the post's own HTML
    and its changes: a feed of every post holds one post's feed HTML at a time, not all.
    The HTML fields are kept aside (``html``), so reading the other fields costs nothing more."""

    HTML = ("description", "content")
    LAST = [None, None, None]  # html, base, made: the writer reads each field twice in a row

    def __init__(self, item):
        super().__init__((key, value) for key, value in item.items() if key not in self.HTML)
        self.html = {key: item.get(key) for key in self.HTML}

    def __missing__(self, key):
        value = self.html[key]  # a KeyError for any other key, as from a dict
        if not value:
            return value
        base, last = self["link"], FeedItem.LAST
        if last[0] is not value or last[1] != base:
            last[:] = value, base, applied(value, changes_of(value, base))
        return last[2]

    def get(self, key, default=None):
        return self[key] if key in self or key in self.html else default


def forget_feed_html(generator, content=None):
    """``article_generator_write_article``: Pelican writes the feeds first, then the posts."""
    changes_of.cache_clear()
    FeedItem.LAST[:] = None, None, None


def fix_items(context, feed):
    """``feed_generated``: absolute URLs in each entry, and its title as written."""
    by_path = context.get("_feed_content_by_path")
    if by_path is None:  # once per build, not once per feed
        by_path = context["_feed_content_by_path"] = {
            "/" + content.url.lstrip("/"): content
            for key in ("articles", "pages")
            for content in context.get(key, [])
        }
    feed.items[:] = [FeedItem(item) for item in feed.items]
    for item in feed.items:
        content = by_path.get(urlsplit(item["link"]).path)
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
