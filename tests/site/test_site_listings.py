"""Blog index pagination, taxonomy and year pages, post pages and the home page."""

import re

from blogsite import POSTS
from project_helpers import build, card_titles, html

ALL = POSTS + 3  # the numbered posts, two bundles and the escaping post


def blog_pages(out):
    pages = [out / "blog" / "index.html"]
    n = 2
    while (out / "blog" / "page" / str(n) / "index.html").exists():
        pages.append(out / "blog" / "page" / str(n) / "index.html")
        n += 1
    return pages


def test_blog_index_has_ten_posts_a_page_newest_first(blog):
    pages = blog_pages(blog)
    assert len(pages) == 3
    titles = [card_titles(html(p)) for p in pages]
    assert [len(t) for t in titles] == [10, 10, ALL - 20]
    flat = [t for page in titles for t in page]
    assert len(set(flat)) == ALL
    assert flat[0] == "A bundle post"  # 2024-02-10, the newest
    assert flat[-1] == "Post 01"  # 2023-01-01, the oldest


def test_blog_section_index_heads_the_blog_and_is_not_a_post(blog):
    first, second, _ = (html(p) for p in blog_pages(blog))
    assert first.h1.get_text() == "Our blog"
    assert first.select_one(".section-intro").get_text().strip() == "Stories from our work."
    assert second.h1.get_text() == "Our blog" and second.select_one(".section-intro") is None
    assert not (blog / "blog" / "our-blog").exists()


def test_first_blog_page_links_every_category_with_its_count(blog):
    first, second, _ = (html(p) for p in blog_pages(blog))
    topics = [
        (a["href"], a.get_text(" ", strip=True))
        for a in first.select('nav[aria-label="Categories"] a')
    ]
    assert topics == [
        ("https://2i2c.org/category/news/", f"news ({POSTS + 1})"),
        ("https://2i2c.org/category/reports/", "reports (1)"),
    ]
    assert second.select_one('nav[aria-label="Categories"]') is None


def test_pagination_links_go_both_ways(blog):
    first, second, third = (html(p) for p in blog_pages(blog))
    assert first.select_one('a[rel="prev"]') is None
    assert first.select_one('a[rel="next"]')["href"] == "https://2i2c.org/blog/page/2/"
    assert second.select_one('a[rel="prev"]')["href"] == "https://2i2c.org/blog/"
    assert second.select_one('a[rel="next"]')["href"] == "https://2i2c.org/blog/page/3/"
    assert third.select_one('a[rel="next"]') is None
    assert "Page 3 of 3" in third.select_one(".pagination").get_text()
    assert second.select_one('link[rel="canonical"]')["href"] == "https://2i2c.org/blog/page/2/"


def test_tag_pages_list_exactly_their_posts(blog):
    fives = card_titles(html(blog / "tag" / "fives" / "index.html"))
    assert sorted(fives) == ["Post 05", "Post 10", "Post 15", "Post 20"]
    even = [p for p in blog.glob("tag/even/**/index.html")]
    titles = [t for p in even for t in card_titles(html(p))]
    assert sorted(titles) == [f"Post {n:02d}" for n in range(2, POSTS + 1, 2)]


def test_a_post_is_listed_under_every_category_it_names(blog):
    reports = card_titles(html(blog / "category" / "reports" / "index.html"))
    assert reports == ["A bundle post"]
    news = [
        t for p in sorted(blog.glob("category/news/**/index.html")) for t in card_titles(html(p))
    ]
    assert "A bundle post" in news and len(news) == POSTS + 1
    # A post without categories is filed under none (no /category/blog/).
    assert not (blog / "category" / "blog").exists()


def test_author_pages(blog):
    grace = card_titles(html(blog / "author" / "grace-hopper" / "index.html"))
    assert grace == ["A bundle post"]
    ada = [t for p in blog.glob("author/ada-lovelace/**/index.html") for t in card_titles(html(p))]
    assert len(ada) == POSTS + 1


def test_year_pages(blog):
    y2023 = card_titles(html(blog / "blog" / "2023" / "index.html"))
    assert sorted(y2023) == ["Hugo style"] + [f"Post {n:02d}" for n in range(1, POSTS + 1, 2)]
    y2024 = card_titles(html(blog / "blog" / "2024" / "index.html"))
    assert "A bundle post" in y2024 and "Post 01" not in y2024


def test_post_page_links_to_newer_and_older_posts(blog):
    page = html(blog / "blog" / "post-10" / "index.html")
    assert page.select_one('a.newer[rel="next"]')["href"] == "https://2i2c.org/blog/post-12/"
    assert page.select_one('a.older[rel="prev"]')["href"] == "https://2i2c.org/blog/post-08/"
    newest = html(blog / "blog" / "bundle-post" / "index.html")
    assert newest.select_one("a.newer") is None
    oldest = html(blog / "blog" / "post-01" / "index.html")
    assert oldest.select_one("a.older") is None


def test_post_page_shows_date_authors_tags_reading_time(blog):
    page = html(blog / "blog" / "bundle-post" / "index.html")
    assert page.h1.get_text() == "A bundle post"
    meta = page.select_one(".post-header .meta").get_text(" ", strip=True)
    assert "February 10, 2024" in meta
    assert re.search(r"\b1 min read\b", meta)
    assert [a["href"] for a in page.select(".post-header .meta a")] == [
        "https://2i2c.org/author/grace-hopper/",
        "https://2i2c.org/author/ada-lovelace/",
    ]
    assert [a.get_text() for a in page.select(".tags a")] == ["images"]
    assert [a.get_text() for a in page.select(".kicker a")] == ["news", "reports"]


def test_summary_falls_back_to_first_paragraph(blog):
    cards = html(blog / "blog" / "2023" / "index.html").select(".card")
    post03 = next(c for c in cards if c.select_one(".card-title").get_text() == "Post 03")
    assert post03.select_one(".summary").get_text() == "First paragraph of post 03."


def test_home_page_has_hero_featured_latest_and_newsletter(blog):
    home = html(blog / "index.html")
    assert home.select_one(".hero h1").get_text() == "Welcome"
    featured = home.select_one('section[aria-labelledby="featured-title"]')
    assert card_titles(featured) == ["A bundle post"]
    latest = card_titles(home.select_one('section[aria-labelledby="latest-title"]'))
    assert len(latest) == 6 and "A bundle post" not in latest
    assert latest[0] == "<script>alert(1)</script> & friends"
    form = home.select_one("form.newsletter-form")
    assert form["method"] == "post"
    assert (
        form["action"].startswith("https://") and "list-manage.com/subscribe/post" in form["action"]
    )
    email = form.select_one('input[type="email"]')
    assert email["name"] == "EMAIL"
    assert form.select_one(f'label[for="{email["id"]}"]').get_text(strip=True) == "Email address"
    assert form.select_one('button[type="submit"]')


def test_home_hero_text_leads_and_the_page_text_follows(tmp_path):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "index.md").write_text(
        "---\ntitle: Home\ntemplate: home\nhero_title: Big headline\nhero_text: One short line.\n---\n"
        "A longer introduction.\n"
    )
    build(tmp_path / "content", tmp_path / "out", check=True)
    home = html(tmp_path / "out" / "index.html")
    hero = home.select_one(".hero")
    assert hero.h1.get_text() == "Big headline"
    assert hero.select_one(".lead").get_text() == "One short line."
    assert "A longer introduction." not in hero.get_text()
    assert home.select_one(".home-intro").get_text(strip=True) == "A longer introduction."
