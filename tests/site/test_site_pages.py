"""Pages at paths mirroring content/pages/, bundles, static and data files, meta tags,
redirects, 404, sitemap and robots.txt."""

import pytest
from blogsite import png
from bs4 import BeautifulSoup
from project_helpers import every_html, html


@pytest.mark.parametrize(
    "path,title",
    [
        ("about/index.html", "About us"),
        ("contact/index.html", "Contact"),
        ("collaborators/nasa/index.html", "NASA"),
        ("policies/index.html", "Policies"),
    ],
)
def test_page_url_mirrors_its_path(blog, path, title):
    page = html(blog / path)
    assert page.h1.get_text() == title
    assert page.select_one('link[rel="canonical"]')[
        "href"
    ] == "https://2i2c.org/" + path.removesuffix("index.html")


def test_files_beside_bundles_are_copied_next_to_the_built_page(blog):
    assert (blog / "blog" / "bundle-post" / "photo.png").read_bytes() == png()
    assert (blog / "blog" / "bundle-post" / "files" / "notes.txt").read_text() == "notes\n"
    assert (blog / "about" / "team.png").read_bytes() == png()
    img = html(blog / "about" / "index.html").select_one(".prose img")
    assert img["src"] == "team.png" and img["alt"] == "Team photo"
    # at the bundle's folder path there is only the redirect page of its old address (LINKS old_paths)
    assert [p.name for p in (blog / "blog" / "2024" / "bundle").iterdir()] == ["index.html"]
    assert html(blog / "blog" / "2024" / "bundle" / "index.html").find(
        "meta", attrs={"http-equiv": "refresh"}
    )
    assert (blog / "blog" / "2023" / "chart.png").read_bytes() == png()
    assert not (blog / "pages").exists()


def test_static_folder_is_copied_to_the_root(blog):
    assert (blog / "images" / "logo.png").read_bytes() == png()
    assert (blog / "favicon.ico").exists()
    assert not (blog / "static").exists()


def test_menu_comes_from_the_data_file(blog):
    nav = html(blog / "contact" / "index.html").select_one('nav[aria-label="Main"]')
    top = [li for li in nav.select_one("ul.menu").find_all("li", recursive=False)]
    assert top[0].a["href"] == "https://2i2c.org/blog/"
    assert top[1].details.summary.get_text() == "About"
    assert [a["href"] for a in top[1].select("details a")] == [
        "https://2i2c.org/about/",
        "https://2i2c.org/collaborators/nasa/",
    ]
    assert top[2].a["href"] == "https://example.org/"


def test_current_menu_entry_is_marked(blog):
    nav = html(blog / "blog" / "index.html").select_one('nav[aria-label="Main"]')
    assert [a.get_text() for a in nav.select('a[aria-current="page"]')] == ["Blog"]


def test_every_page_has_landmarks_skip_link_and_meta(blog):
    pages = [p for p in every_html(blog) if 'http-equiv="refresh"' not in p.read_text()]
    assert len(pages) > 40
    for path in pages:
        soup = html(path)
        assert soup.html["lang"] == "en"
        assert soup.select_one('a.skip-link[href="#main"]'), path
        assert (
            soup.select_one("header.site-header")
            and soup.select_one("main#main")
            and soup.select_one("footer")
        ), path
        assert soup.title.get_text().strip(), path
        description = soup.select_one('meta[name="description"]')["content"]
        assert description.strip(), path
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical.startswith("https://2i2c.org/"), path
        assert soup.select_one('meta[property="og:url"]')["content"] == canonical
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert soup.select_one(f'meta[property="{prop}"]')["content"].strip(), (path, prop)
        assert soup.select_one('meta[name="twitter:card"]')["content"] in (
            "summary",
            "summary_large_image",
        )
        for img in soup.find_all("img"):
            assert img.has_attr("alt"), (path, img)


def test_a_bundle_featured_file_is_the_image(blog):
    head = html(blog / "blog" / "hugo-style" / "index.html").head
    assert (
        head.select_one('meta[property="og:image"]')["content"]
        == "https://2i2c.org/blog/hugo-style/featured-logo.png"
    )
    assert (blog / "blog" / "hugo-style" / "featured-logo.png").read_bytes() == png(3, 3)
    card = next(
        c
        for c in html(blog / "blog" / "2023" / "index.html").select(".card")
        if c.select_one(".card-title").get_text() == "Hugo style"
    )
    assert card.img["src"] == "https://2i2c.org/blog/hugo-style/featured-logo.png"


def test_post_meta_uses_its_image_and_summary(blog):
    head = html(blog / "blog" / "bundle-post" / "index.html").head
    assert (
        head.select_one('meta[property="og:image"]')["content"]
        == "https://2i2c.org/blog/bundle-post/photo.png"
    )
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert head.select_one('meta[property="og:type"]')["content"] == "article"
    assert (
        head.select_one('meta[name="description"]')["content"] == "The summary from front matter."
    )
    plain = html(blog / "blog" / "post-03" / "index.html").head
    card = plain.select_one('meta[property="og:image"]')[
        "content"
    ]  # the social card of the images plugin
    assert card.startswith("https://2i2c.org/resized/") and card.endswith("/card.png")
    assert plain.select_one('meta[name="description"]')["content"] == "First paragraph of post 03."


@pytest.mark.parametrize(
    "old,new",
    [
        ("posts/bundle/index.html", "https://2i2c.org/blog/bundle-post/"),
        ("old/bundle.html", "https://2i2c.org/blog/bundle-post/"),
        ("get-in-touch/index.html", "https://2i2c.org/contact/"),
    ],
)
def test_aliases_become_redirect_pages(blog, old, new):
    page = html(blog / old)
    refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
    assert refresh == f"0; url={new}"
    assert page.select_one('link[rel="canonical"]')["href"] == new
    assert page.select_one("main a")["href"] == new
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_404_page(blog):
    page = html(blog / "404.html")
    assert page.h1.get_text() == "Page not found"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    # Served for any missing path, so every link must be absolute.
    for a in page.select("main a"):
        assert a["href"].startswith("https://2i2c.org/")


def test_sitemap_lists_pages_but_not_redirects_or_404(blog):
    sitemap = BeautifulSoup((blog / "sitemap.xml").read_bytes(), "xml")
    assert sitemap.urlset["xmlns"] == "http://www.sitemaps.org/schemas/sitemap/0.9"
    locs = [u.loc.get_text() for u in sitemap.find_all("url")]
    assert len(locs) == len(set(locs))
    for url in (
        "https://2i2c.org/",
        "https://2i2c.org/about/",
        "https://2i2c.org/blog/",
        "https://2i2c.org/blog/page/2/",
        "https://2i2c.org/blog/bundle-post/",
        "https://2i2c.org/tag/fives/",
        "https://2i2c.org/collaborators/nasa/",
    ):
        assert url in locs
    for url in (
        "https://2i2c.org/posts/bundle/",
        "https://2i2c.org/old/bundle.html",
        "https://2i2c.org/get-in-touch/",
        "https://2i2c.org/404.html",
    ):
        assert url not in locs
    bundle = next(
        u
        for u in sitemap.find_all("url")
        if u.loc.get_text() == "https://2i2c.org/blog/bundle-post/"
    )
    assert bundle.lastmod.get_text() == "2024-02-12"


def test_robots_txt_points_to_the_sitemap(blog):
    lines = (blog / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: https://2i2c.org/sitemap.xml" in lines


def test_nothing_loads_from_other_hosts(blog):
    for path in every_html(blog):
        soup = html(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                if url and not (
                    tag == "link" and element.get("rel") in (["canonical"], ["alternate"])
                ):
                    assert url.startswith(("https://2i2c.org/", "/")) or "://" not in url, (
                        path,
                        url,
                    )
