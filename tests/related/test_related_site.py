"""Related posts and backlinks in a built site (fixture: tests/fixtures/related).

The fixture's posts (tags, categories, date):
Alpha (Jupyter, Cloud; News; 01-10), Beta (jupyter; News; 02-10), Gamma (cloud; Events; 03-10),
Delta (other; News; 04-10), Epsilon (jupyter, cloud; Events; 05-10), Eta (cloud; 03-10), Zeta (Cloud; 01-10),
and Theta (jupyter; 07-01), which is not listed (build: {list: never}).
"""

import pytest
from sitetest import FIXTURES, build, html

CONTENT = FIXTURES / "related" / "content"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    output = tmp_path_factory.mktemp("related") / "output"
    build(CONTENT, output, check=True)
    return output


def titles(page, selector):
    return [a.get_text(strip=True) for a in page.select(f"{selector} li a")]


@pytest.mark.parametrize(
    "slug, expected",
    [
        # Epsilon 2 tags = 200; Beta tag + category = 170; Eta, Gamma, Zeta one tag = 100: Eta and Gamma
        # (03-10) before Zeta (01-10), Eta before Gamma by title; Delta (category only, 70 < 80) never
        ("alpha", ["Epsilon", "Beta", "Eta"]),
        # Epsilon tag + category = 170; Alpha, Eta, Zeta 100: Eta newest, then Alpha before Zeta by title
        ("gamma", ["Epsilon", "Eta", "Alpha"]),
        # only the category News in common with Alpha and Beta (70): nothing passes the threshold
        ("delta", []),
        # not listed itself, but its tag jupyter finds Epsilon, Beta and Alpha (100 each), newest first
        ("theta", ["Epsilon", "Beta", "Alpha"]),
    ],
)
def test_related_posts_under_each_post(out, slug, expected):
    assert titles(html(out / f"blog/{slug}/index.html"), ".related-posts") == expected


def test_related_links_lead_to_the_posts(out):
    page = html(out / "blog/alpha/index.html")
    hrefs = [a["href"] for a in page.select(".related-posts li a")]
    assert hrefs == [
        "https://2i2c.org/blog/epsilon/",
        "https://2i2c.org/blog/beta/",
        "https://2i2c.org/blog/eta/",
    ]
    assert page.select_one(".related-posts").find_parent("article") is not None


def test_person_page_lists_linking_posts_and_authored_posts(out):
    page = html(out / "team/ada-lovelace/index.html")
    # Epsilon links to Hugo's /authors/ada-lovelace/, Beta to /team/ada-lovelace/, Alpha names her as author;
    # Gamma only writes her name in its text
    assert titles(page, ".backlinks") == ["Epsilon", "Beta", "Alpha"]


def test_person_without_posts(out):
    page = html(out / "team/bob-builder/index.html")
    assert titles(page, ".backlinks") == []
    assert page.select_one(".backlinks p").get_text(strip=True) == "No posts yet."


@pytest.mark.parametrize(
    "slug, expected",
    [
        # Gamma names both agencies in its text, and Epsilon has /collaborators/esa/ only inside a code block
        ("nasa", ["Epsilon", "Alpha"]),
        ("esa", ["Delta"]),  # a relative link to the content file, with a #fragment
    ],
)
def test_collaborator_page_lists_posts_that_link_to_it(out, slug, expected):
    page = html(out / f"collaborators/{slug}/index.html")
    assert titles(page, ".backlinks") == expected


def test_pages_outside_the_backlinks_paths_have_none(out):
    about = html(out / "about/index.html")
    assert about.h1.get_text(strip=True) == "About" and about.select(".backlinks") == []
    # a page linking to a collaborator is not a post: not listed
    assert "About" not in titles(html(out / "collaborators/nasa/index.html"), ".backlinks")
