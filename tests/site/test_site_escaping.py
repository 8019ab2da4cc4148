"""A title or tag holding HTML shows as text everywhere: pages, listings, feeds, meta tags."""

import feedparser
from project_helpers import html

TITLE = "<script>alert(1)</script> & friends"


def injected_scripts(page):
    """<script> elements other than the theme's own files (theme/js/, loaded on every page)."""
    return [s for s in page.find_all("script") if "/theme/js/" not in s.get("src", "")]


def test_post_page_shows_the_title_as_text(blog):
    page = html(blog / "blog" / "escape" / "index.html")
    assert page.h1.get_text() == TITLE
    assert not injected_scripts(page)
    assert page.title.get_text().startswith(TITLE)
    assert page.select_one('meta[property="og:title"]')["content"].startswith(TITLE)
    assert page.select_one('meta[name="twitter:title"]')["content"].startswith(TITLE)
    assert [a.get_text() for a in page.select(".tags a")] == ["<b>bold</b>"]


def test_listings_show_the_title_as_text(blog):
    for path in ("blog/index.html", "index.html", "blog/2024/index.html", "tag/bold/index.html"):
        page = html(blog / path)
        assert TITLE in [h.get_text() for h in page.select(".card-title")], path
        assert not injected_scripts(page) and not page.find_all("b"), path
    assert html(blog / "tag" / "bold" / "index.html").h1.get_text() == "Posts tagged “<b>bold</b>”"


def test_neighbour_links_show_the_title_as_text(blog):
    newer = html(blog / "blog" / "post-22" / "index.html").select_one("a.newer")
    assert newer.get_text().endswith(TITLE)


def test_feeds_keep_the_title_as_text(blog):
    for path in ("blog/atom.xml", "blog/rss.xml", "tag/bold/atom.xml"):
        feed = feedparser.parse((blog / path).read_bytes())
        assert TITLE in [e.title for e in feed.entries], path
