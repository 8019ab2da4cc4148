"""Drafts and future posts appear nowhere in a normal build, and everywhere in a preview."""

import pytest
from bs4 import BeautifulSoup
from project_helpers import html

UNPUBLISHED = {
    "Secret draft": ("blog/secret-draft/index.html", "hush"),
    "From the future": ("blog/future-post/index.html", "soon"),
}


def all_text(out):
    """Text and link targets of every HTML page, feed and the sitemap, file by file."""
    for path in sorted(out.rglob("*")):
        if path.suffix in (".html", ".xml", ".txt"):
            yield path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("title", sorted(UNPUBLISHED))
def test_absent_from_every_output_file(blog, title):
    page, tag = UNPUBLISHED[title]
    assert not (blog / page).exists()
    assert not (blog / "tag" / tag).exists()
    slug = page.split("/")[1]
    for path, text in all_text(blog):
        assert title not in text, path
        assert slug not in text, path


def test_absent_from_sitemap_feeds_and_listings_by_parsing(blog):
    import feedparser

    sitemap = BeautifulSoup((blog / "sitemap.xml").read_bytes(), "xml")
    locs = [loc.get_text() for loc in sitemap.find_all("loc")]
    assert "https://2i2c.org/blog/post-01/" in locs
    assert not [loc for loc in locs if "secret" in loc or "future" in loc]
    for feed in ("blog/atom.xml", "blog/rss.xml", "blog/index.xml"):
        titles = [e.title for e in feedparser.parse((blog / feed).read_bytes()).entries]
        assert not set(UNPUBLISHED) & set(titles)
    assert not (blog / "category" / "later").exists()


def test_files_of_a_draft_bundle_are_not_published(blog):
    assert not list(blog.rglob("hidden.png"))
    assert not list(blog.rglob("*.md"))


def test_preview_with_drafts_and_future_shows_them(blog_preview):
    for title, (page, tag) in UNPUBLISHED.items():
        assert html(blog_preview / page).h1.get_text() == title
        assert (blog_preview / "tag" / tag / "index.html").exists()
    assert (blog_preview / "blog" / "secret-draft" / "hidden.png").exists()
    notice = html(blog_preview / "blog" / "secret-draft" / "index.html").select_one(".notice")
    assert "Draft" in notice.get_text()
    listed = [
        h.get_text() for h in html(blog_preview / "blog" / "index.html").select(".card-title")
    ]
    assert "From the future" in listed
