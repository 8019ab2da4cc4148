"""Addresses a Hugo site answered keep answering: its taxonomy paths and the old post shapes."""

from sitetest import build, html, write

POST = (
    "---\ntitle: Clouds over Berkeley\ndate: 2024-03-01\nslug: clouds\ntags: [Open Source]\ncategories: [news]\n"
    "authors: [Ada Lovelace]\n---\nText.\n"
)


def redirect_target(page):
    refresh = html(page).find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None, page
    return refresh["content"].split("url=", 1)[1]


def test_hugo_taxonomy_and_old_post_addresses_lead_to_the_new_ones(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "blog/2024/clouds-over-berkeley/index.md", POST)
    write(
        content,
        "blog/2024/later.md",
        "---\ntitle: Later\ndate: 2024-04-01\naliases: [/tags/]\n---\n"
        "See [the clouds](/posts/2024/clouds-over-berkeley/).\n",
    )
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    base = "https://2i2c.org"
    assert redirect_target(out / "tags/open-source/index.html") == f"{base}/tag/open-source/"
    assert redirect_target(out / "categories/news/index.html") == f"{base}/category/news/"
    assert redirect_target(out / "categories/index.html") == f"{base}/blog/"
    # an alias of a post takes the address first: continuity never overrides what an author wrote
    assert redirect_target(out / "tags/index.html") == f"{base}/blog/later/"
    # the deploy script's /blog/YEAR/SLUG/ and the /posts/ of 2021
    assert (
        redirect_target(out / "blog/2024/clouds-over-berkeley/index.html") == f"{base}/blog/clouds/"
    )
    assert (
        redirect_target(out / "posts/2024/clouds-over-berkeley/index.html")
        == f"{base}/blog/clouds/"
    )
    link = html(out / "blog/later/index.html").select_one(".prose a")
    assert (
        link["href"] == f"{base}/blog/clouds/"
    )  # a link to an old address leads to the post itself
