"""Feed entries' HTML: relative links made absolute and characters XML forbids dropped, made
as the feed writer reads each entry (blog/feeds.py), the same as converting the whole text
with one regular-expression substitution per rule."""

import re
from urllib.parse import urljoin

from blog.feeds import FeedItem, absolute_links, fix_items, forget_feed_html
from hypothesis import example, given
from hypothesis import strategies as st

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LINK = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""", re.I | re.S)


def reference(html, base):
    """The whole text at once: every relative href/src resolved, then forbidden characters out."""

    def resolve(m):
        url = m.group(3)
        if not url.startswith(("http://", "https://", "mailto:")):
            url = urljoin(base, url)
        return f"{m.group(1)}{m.group(2)}{url}{m.group(2)}"

    return NOT_XML.sub("", LINK.sub(resolve, html))


PIECES = st.sampled_from(
    [' href="', " src='", ' HREF="', '"', "'", "a.png", "../q/", "/jobs/", "#s", "https://o.org/",
     "mailto:x@y", "<p>", "</a>", " ", "\x01", "\x0b", "\ufffe", "é", "🙂", "?a=1&b=2", "\n"]
)  # fmt: skip


@given(st.lists(PIECES | st.text(max_size=3), max_size=40).map("".join))
@example(' href="\x01a.png"')  # a forbidden character where a relative URL starts
def test_same_as_converting_the_whole_text(html):
    base = "https://x.org/blog/p/"
    assert absolute_links(html, base) == reference(html, base)


def test_entries_are_made_as_read_and_forgotten_after_the_feeds():
    class Feed:
        items = [
            {"link": "https://x.org/blog/p/", "title": "P", "content": '<img src="a.png">\x01',
             "description": None, "categories": ()},
        ]  # fmt: skip

    feed = Feed()
    fix_items({"articles": [], "pages": []}, feed)
    (item,) = feed.items
    assert isinstance(item, FeedItem)
    assert item["content"] == '<img src="https://x.org/blog/p/a.png">'
    assert item.get("content") == item["content"] and item["description"] is None
    assert item.html["content"] == '<img src="a.png">\x01'  # the post's own, kept
    forget_feed_html(None)
    assert FeedItem.LAST == [None, None, None]
