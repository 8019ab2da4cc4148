"""Links between content files, written as Hugo authors write them."""

import re

import pytest
from links.urls import ContentIndex
from sitetest import build, html

SETTINGS = {
    "ARTICLE_PATHS": ["blog"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "blog/{slug}/",
    "SLUG_REGEX_SUBSTITUTIONS": [
        (r"[^\w\s-]", ""),
        (r"(?u)\A\s*", ""),
        (r"(?u)\s*\Z", ""),
        (r"[-\s]+", "-"),
    ],
}

FILES = {
    "blog/2022/first/index.md": "---\ntitle: First Post!\ndate: 2022-01-01\n---\nBody\n",
    "blog/2022/first/images/chart.png": "",
    "blog/2022/second/index.md": '+++\ntitle = "Second"\nslug = "the-second"\ndate = 2022-02-02\n+++\nBody\n',
    "pages/index.md": "---\ntitle: Home\n---\n",
    "pages/collaborators/index.md": "---\ntitle: Collaborators\n---\n",
    "pages/collaborators/nasa/index.md": "---\ntitle: NASA\naliases: [/nasa-old/]\n---\n",
    "pages/mailing-list/index.md": "---\ntitle: Mailing list\n---\n",
    "pages/about/funding.md": "---\ntitle: Funding\nslug: money\n---\n",
    "team/yuvi-panda/index.md": "---\nname: Yuvi\n---\n",
    "static/images/logo.svg": "",
    "blog/2022/draft/index.md": "---\ntitle: Draft\ndraft: true\n---\n",
    "blog/2099/later/index.md": "---\ntitle: Later\ndate: 2099-01-01\n---\n",
}


@pytest.fixture
def index(tmp_path):
    for rel, text in FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return ContentIndex(dict(SETTINGS, PATH=str(tmp_path)))


@pytest.mark.parametrize(
    "source, target, url",
    [
        ("blog/2022/first/index.md", "../second/index.md", "/blog/the-second/"),
        ("blog/2022/first/index.md", "../second/", "/blog/the-second/"),
        ("blog/2022/second/index.md", "../first/index.md#part", "/blog/first-post/#part"),
        ("blog/2022/first/index.md", "../../../authors/yuvi-panda/_index.md", "/team/yuvi-panda/"),
        ("blog/2022/second/index.md", "../../../collaborators/nasa/", "/collaborators/nasa/"),
        ("blog/2022/second/index.md", "../../../collaborators/nasa.md", "/collaborators/nasa/"),
        ("pages/index.md", "blog/2022/first/index.md", "/blog/first-post/"),
        ("pages/collaborators/index.md", "../mailing-list/_index.md", "/mailing-list/"),
        ("pages/collaborators/nasa/index.md", "/mailing-list/", "/mailing-list/"),
        ("pages/collaborators/nasa/index.md", "/mailing-list", "/mailing-list/"),
        ("pages/collaborators/nasa/index.md", "/nasa-old/", "/nasa-old/"),
        ("pages/collaborators/nasa/index.md", "../../about/funding.md", "/about/money/"),
        ("blog/2022/first/index.md", "images/chart.png", "/blog/first-post/images/chart.png"),
        ("blog/2022/first/index.md", "/images/logo.svg", "/images/logo.svg"),
        ("blog/2022/first/index.md", "/blog/2022/first/index.md", "/blog/first-post/"),
        ("blog/2022/first/index.md", "/tag/news/", "/tag/news/"),
        ("blog/_index.md", "/categories/community-impact", "/category/community-impact/"),
        ("blog/_index.md", "/tags/hubs/#top", "/tag/hubs/#top"),
        ("blog/_index.md", "/authors/yuvi-panda/", "/team/yuvi-panda/"),
        ("blog/_index.md", "/authors/someone-else", "/author/someone-else/"),
    ],
)
def test_content_paths_become_page_urls(index, source, target, url):
    assert index.resolve(target, source) == url


@pytest.mark.parametrize(
    "target",
    [
        "../../2025/held-back/index.md",
        "/no-such-page/",
        "missing.png",
        "../nope/",
        "../draft/index.md",
        "../../2099/later/",
        "/blog/later/",
    ],
)
def test_unknown_targets_do_not_resolve(index, target):
    assert index.resolve(target, "blog/2022/first/index.md") is None


def write_site(root, body, extra=None):
    files = {
        "blog/2022/first/index.md": f"---\ntitle: First\ndate: 2022-01-01\ncategories: [news]\n---\n{body}",
        "blog/2022/second/index.md": "---\ntitle: Second\ndate: 2022-02-02\ncategories: [news]\n---\nBody\n",
        "pages/about/index.md": "---\ntitle: About\n---\nAbout us.\n",
        **(extra or {}),
    }
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


BODY = """\
See [the second](../second/index.md), [about](../../../about/) and [mail](mailto:a@b.org).

[Gone](../../2025/gone/index.md) and [external](https://example.org/x.md).

`[code](../nowhere.md)`
"""


def test_build_rewrites_links_and_fails_on_a_missing_target_with_its_line(tmp_path):
    write_site(tmp_path, BODY)
    result = build(tmp_path / "content", tmp_path / "out")
    log = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert result.returncode == 1
    assert (
        "blog/2022/first/index.md:8: link to '../../2025/gone/index.md' does not match any page or file"
        in log
    )
    assert log.count("does not match any page or file") == 1


def test_missing_targets_are_warnings_when_links_missing_is_warn(tmp_path):
    write_site(tmp_path, BODY)
    result = build(tmp_path / "content", tmp_path / "out", settings={"LINKS": {"missing": "warn"}})
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(tmp_path / "out" / "blog" / "first" / "index.html")
    hrefs = [a["href"] for a in page.select(".prose a, article a") if a.get("href")]
    assert "https://2i2c.org/blog/second/" in hrefs or "/blog/second/" in hrefs
    assert any(h.endswith("/about/") for h in hrefs)
    assert "mailto:a@b.org" in hrefs and "https://example.org/x.md" in hrefs
    assert page.find("code").text == "[code](../nowhere.md)"
    assert re.search(
        r"^warning: \S*first/index\.md:8: link to '\.\./\.\./2025/gone/index\.md' does not match",
        result.stderr,
        re.M,
    )


def test_a_bad_links_setting_stops_the_build(tmp_path):
    write_site(tmp_path, "Body\n")
    result = build(
        tmp_path / "content", tmp_path / "out", settings={"LINKS": {"missing": "ignore"}}
    )
    assert result.returncode != 0
    assert "LINKS['missing'] must be 'error' or 'warn'" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "target, url",
    [
        ("/team/", "/team/"),
        ("/team/yuvi-panda/", "/team/yuvi-panda/"),
        ("/author/someone/", "/author/someone/"),
        ("/blog/2022/", "/blog/2022/"),
        ("/blog/index.xml", "/blog/index.xml"),
    ],
)
def test_generated_addresses_are_accepted(index, target, url):
    assert index.resolve(target, "pages/index.md") == url


def test_a_person_who_does_not_exist_is_not_a_link_target(index):
    assert index.resolve("/team/nobody/", "pages/index.md") is None


def test_paths_other_plugins_generate_can_be_declared(tmp_path):
    (tmp_path / "pages").mkdir()
    settings = dict(
        SETTINGS, PATH=str(tmp_path), LINKS={"missing": "error", "generated": ["/search/"]}
    )
    assert ContentIndex(settings).resolve("/search/?q=hub", "pages/x.md") == "/search/?q=hub"
