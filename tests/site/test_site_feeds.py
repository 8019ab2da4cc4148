"""Atom and RSS feeds: valid, complete, with absolute URLs, where 2i2c's readers look."""

from urllib.parse import urlsplit

import feedparser
import pytest
from blogsite import POSTS
from bs4 import BeautifulSoup

FEEDS = [
    "blog/atom.xml",
    "blog/rss.xml",
    "blog/index.xml",
    "category/news/atom.xml",
    "category/reports/atom.xml",
    "tag/fives/atom.xml",
    "tag/images/atom.xml",
]


def parse(out, path):
    feed = feedparser.parse((out / path).read_bytes())
    assert feed.bozo == 0, f"{path}: {feed.get('bozo_exception')}"
    return feed


def entry(feed, title):
    return next(e for e in feed.entries if e.title == title)


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_parses_without_bozo(blog, path):
    assert parse(blog, path).entries


def test_site_feeds_hold_every_published_post(blog):
    for path in ("blog/atom.xml", "blog/rss.xml"):
        titles = [e.title for e in parse(blog, path).entries]
        assert len(titles) == POSTS + 3
        assert "Post 01" in titles and "A bundle post" in titles


def test_blog_index_xml_is_the_rss_feed(blog):
    main, copy = parse(blog, "blog/rss.xml"), parse(blog, "blog/index.xml")
    assert copy.version.startswith("rss")
    assert [e.link for e in copy.entries] == [e.link for e in main.entries]


def test_category_and_tag_feeds_hold_only_their_posts(blog):
    assert [e.title for e in parse(blog, "category/reports/atom.xml").entries] == ["A bundle post"]
    assert sorted(e.title for e in parse(blog, "tag/fives/atom.xml").entries) == [
        "Post 05",
        "Post 10",
        "Post 15",
        "Post 20",
    ]
    assert len(parse(blog, "category/news/atom.xml").entries) == POSTS + 1


@pytest.mark.parametrize("path", ["blog/atom.xml", "blog/rss.xml"])
def test_entries_carry_full_content_with_absolute_urls(blog, path):
    bundle = entry(parse(blog, path), "A bundle post")
    assert bundle.link == "https://2i2c.org/blog/bundle-post/"
    body = bundle.content[0].value if "content" in bundle else bundle.description
    soup = BeautifulSoup(body, "lxml")
    assert soup.img["src"] == "https://2i2c.org/blog/bundle-post/photo.png"
    links = [a["href"] for a in soup.find_all("a")]
    assert links == [
        "https://2i2c.org/blog/bundle-post/files/notes.txt",
        "https://2i2c.org/blog/",
        "https://2i2c.org/blog/bundle-post/#top",
    ]
    # Every URL in every entry is absolute.
    for e in parse(blog, path).entries:
        html = e.content[0].value if "content" in e else e.description
        for tag in BeautifulSoup(html, "lxml").find_all(["a", "img"]):
            url = tag.get("href") or tag.get("src")
            assert urlsplit(url).scheme == "https", (e.title, url)


def test_entries_name_all_categories_tags_and_authors(blog):
    bundle = entry(parse(blog, "blog/atom.xml"), "A bundle post")
    assert [t.term for t in bundle.tags] == ["news", "reports", "images"]
    assert bundle.author == "grace-hopper, ada-lovelace"
    assert bundle.summary == "The <em>summary</em> from front matter."


def test_pages_advertise_the_feeds(blog):
    from project_helpers import html

    head = html(blog / "blog" / "index.html").head
    alternates = {link["type"]: link["href"] for link in head.select('link[rel="alternate"]')}
    assert alternates == {
        "application/atom+xml": "https://2i2c.org/blog/atom.xml",
        "application/rss+xml": "https://2i2c.org/blog/rss.xml",
    }


# The Hugo site's RSS addresses (its config: home and sections output RSS, as taxonomy terms do by
# default; permalinks put terms at /tag/X/, /category/X/, /author/X/): https://gohugo.io/templates/rss/
HUGO_FEEDS = {
    "index.xml": "blog/rss.xml",
    "blog/index.xml": "blog/rss.xml",
    "tag/fives/index.xml": "tag/fives/atom.xml",
    "category/reports/index.xml": "category/reports/atom.xml",
}


@pytest.mark.parametrize("path,same_as", HUGO_FEEDS.items())
def test_hugo_feed_addresses_serve_rss_2_with_the_same_posts(blog, path, same_as):
    feed = parse(blog, path)
    assert feed.version == "rss20", f"{path}: {feed.version}"
    assert [e.link for e in feed.entries] == [e.link for e in parse(blog, same_as).entries]
    assert all(e.link.startswith("https://2i2c.org/blog/") for e in feed.entries)


def test_an_authors_hugo_feed_holds_only_their_posts(blog):
    feed = parse(blog, "author/grace-hopper/index.xml")
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == ["A bundle post"]
    assert len(parse(blog, "author/ada-lovelace/index.xml").entries) == POSTS + 1
