"""The project's own content builds into a complete site (whatever the posts say)."""

import feedparser
from bs4 import BeautifulSoup
from project_helpers import html


def test_home_blog_feeds_sitemap_and_404_exist(site):
    for path in (
        "index.html",
        "blog/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "blog/atom.xml",
        "blog/rss.xml",
        "blog/index.xml",
        "theme/css/style.css",
    ):
        assert (site / path).is_file(), path


def test_every_post_in_the_feed_has_its_page(site):
    feed = feedparser.parse((site / "blog" / "atom.xml").read_bytes())
    assert feed.bozo == 0 and feed.entries
    for entry in feed.entries:
        path = entry.link.removeprefix("https://2i2c.org/")
        assert html(site / path / "index.html").h1.get_text() == entry.title


def test_sitemap_urls_all_exist(site):
    sitemap = BeautifulSoup((site / "sitemap.xml").read_bytes(), "xml")
    for loc in sitemap.find_all("loc"):
        path = loc.get_text().removeprefix("https://2i2c.org/")
        target = site / path / "index.html" if not path.endswith(".html") else site / path
        assert target.is_file(), loc.get_text()


def test_menu_links_are_rendered(site):
    nav = html(site / "index.html").select_one('nav[aria-label="Main"]')
    assert len(nav.find_all("a")) + len(nav.find_all("summary")) >= 3
