"""The small pure helpers of the website and blog plugins."""

import pytest
from blog.feeds import absolute_links
from newsletter.signup import bot_field
from website.links import site_url
from website.paths import page_location
from website.redirects import save_as_for


@pytest.mark.parametrize(
    "relpath,slug,url",
    [
        ("pages/index.md", None, ""),
        ("pages/_index.md", None, ""),
        ("pages/about/index.md", None, "about/"),
        ("pages/about/_index.md", None, "about/"),
        ("pages/contact.md", None, "contact/"),
        ("pages/collaborators/nasa/index.md", None, "collaborators/nasa/"),
        ("pages/collaborators/nasa.md", None, "collaborators/nasa/"),
        ("pages/collaborators/nasa/index.md", "nasa-earthdata", "collaborators/nasa-earthdata/"),
    ],
)
def test_page_location(relpath, slug, url):
    assert page_location(relpath, ["pages"], slug) == url


@pytest.mark.parametrize(
    "old,save_as",
    [
        ("/careers", "careers/index.html"),
        ("/careers/", "careers/index.html"),
        ("careers", "careers/index.html"),
        ("/posts/hello-world", "posts/hello-world/index.html"),
        ("/old/page.html", "old/page.html"),
        ("/a/../b/", "b/index.html"),
        ("/", "index.html"),
    ],
)
def test_redirect_save_as(old, save_as):
    assert save_as_for(old) == save_as


@pytest.mark.parametrize(
    "html,expected",
    [
        ('<img src="a.png">', '<img src="https://x.org/blog/p/a.png">'),
        ('<a href="../q/">', '<a href="https://x.org/blog/q/">'),
        ('<a href="/jobs/">', '<a href="https://x.org/jobs/">'),
        ("<a href='#s'>", "<a href='https://x.org/blog/p/#s'>"),
        ('<a href="https://other.org/x">', '<a href="https://other.org/x">'),
        ('<a href="mailto:hi@2i2c.org">', '<a href="mailto:hi@2i2c.org">'),
        ('<p>src="not-an-attribute"</p>', '<p>src="not-an-attribute"</p>'),
    ],
)
def test_absolute_links(html, expected):
    assert absolute_links(html, "https://x.org/blog/p/") == expected


@pytest.mark.parametrize(
    "siteurl,value,base,expected",
    [
        ("https://2i2c.org", "/blog/", "", "https://2i2c.org/blog/"),
        ("https://2i2c.org", "blog/x/", "", "https://2i2c.org/blog/x/"),
        ("https://2i2c.org", "photo.png", "blog/x/", "https://2i2c.org/blog/x/photo.png"),
        ("https://2i2c.org", "/images/a.png", "blog/x/", "https://2i2c.org/images/a.png"),
        ("https://2i2c.org", "https://cdn.example/a.png", "blog/x/", "https://cdn.example/a.png"),
        ("", "/blog/", "", "/blog/"),
        ("", "photo.png", "about/", "/about/photo.png"),
        ("https://example.org/sub", "/blog/", "", "https://example.org/sub/blog/"),
    ],
)
def test_site_url(siteurl, value, base, expected):
    assert site_url({"SITEURL": siteurl}, value, base) == expected


@pytest.mark.parametrize(
    "url,field",
    [
        ("https://x.us10.list-manage.com/subscribe/post?u=abc&id=def", "b_abc_def"),
        ("https://example.org/form", None),
        (None, None),
    ],
)
def test_mailchimp_bot_field(url, field):
    assert bot_field(url) == field
