"""The search plugin: settings, the Pagefind bundles of a small site, the search page and header form."""

import json

import pytest
from searchsite import bundles, manifest, write_post, write_site
from sitetest import build, html

from plugins.search.settings import DEFAULTS, SettingsError, validated


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("pagefind", "SEARCH must be a dict"),
        ({"bundel": "x"}, "unknown SEARCH keys ['bundel']"),
        ({"url": ""}, "SEARCH['url'] must be a non-empty string"),
        ({"bundle": "../outside"}, "SEARCH['bundle'] must be a folder name inside the output"),
        ({"pagefind_args": "--verbose"}, "SEARCH['pagefind_args'] must be a list of strings"),
        ({"jobs": 0}, "SEARCH['jobs'] must be a whole number of at least 1"),
        ({"jobs": "2"}, "SEARCH['jobs'] must be a whole number of at least 1"),
    ],
)
def test_wrong_settings_name_the_key(value, message):
    with pytest.raises(SettingsError) as caught:
        validated(value)
    assert message in str(caught.value)
    assert str(caught.value).startswith("search: ")


def test_defaults_fill_what_is_not_given():
    assert validated(None) == DEFAULTS
    assert validated({"bundle": "_index"})["bundle"] == "_index"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    out = root / "output"
    build(write_site(root), out, check=True)
    return out


def test_one_bundle_for_pages_and_one_per_year_of_posts(small_site):
    # the pages first (the search page loads it and merges the others), then posts, newest first
    assert bundles(small_site) == ["pages", "posts-2024", "posts-2023"]
    indexed = {name: sorted(manifest(small_site, name)["pages"]) for name in bundles(small_site)}
    assert indexed == {
        "pages": ["about/index.html"],
        "posts-2024": ["blog/beta-notes/index.html", "blog/gamma-notes/index.html"],
        "posts-2023": ["blog/alpha-notes/index.html"],
    }
    listed = json.loads((small_site / "pagefind" / "bundles.json").read_text())["bundles"]
    for name, files in indexed.items():
        # bundles.json tells the search page which bundle each Pagefind page id is in
        fragments = sorted(
            p.name.split(".")[0] for p in (small_site / "pagefind" / name / "fragment").iterdir()
        )
        assert len(fragments) == len(files)
        assert [b["pages"] for b in listed if b["name"] == name] == [fragments]
        entry = json.loads((small_site / "pagefind" / name / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] == len(files)
        assert (small_site / "pagefind" / name / "pagefind.js").is_file()
        assert not list(
            (small_site / "pagefind" / name).glob("pagefind-ui.*")
        )  # unused UI left out


def test_only_post_and_page_bodies_are_marked_for_indexing(small_site):
    marked = sorted(
        str(p.relative_to(small_site))
        for p in small_site.rglob("*.html")
        if html(p).select("[data-pagefind-body]")
    )
    assert marked == [
        "about/index.html",
        "blog/alpha-notes/index.html",
        "blog/beta-notes/index.html",
        "blog/gamma-notes/index.html",
    ]


def test_header_has_a_search_form_and_a_plain_link(small_site):
    doc = html(small_site / "blog" / "alpha-notes" / "index.html")
    form = doc.select_one("header form[role=search]")
    assert form["action"] == "https://2i2c.org/search/"
    assert form.select_one("input[name=q]")["id"] == form.select_one("label")["for"]
    assert doc.select_one("header a[data-search-link]")["href"] == "https://2i2c.org/search/"
    # Only the search page loads the search script; CSS picks the form or the link.
    assert doc.select("script[src$='/search.js']") == []
    search = html(small_site / "search" / "index.html")
    assert search.select_one("script[src='https://2i2c.org/theme/js/search.js']").has_attr("defer")


def test_search_page_explains_itself_without_javascript(small_site):
    doc = html(small_site / "search" / "index.html")
    assert doc.h1.get_text() == "Search"
    note = doc.select_one("[data-search-nojs]")
    assert "needs JavaScript" in note.get_text()
    assert note.a["href"] == "https://2i2c.org/blog/"
    assert doc.select_one("#search-results")["data-bundle"] == "https://2i2c.org/pagefind/"


def test_a_failing_pagefind_fails_the_build_and_keeps_the_old_output(small_site, tmp_path):
    out = tmp_path / "output"
    content = small_site.parent / "content"
    build(content, out, check=True)
    before = (out / "pagefind" / "bundles.json").read_text()
    write_post(content, 4, "Delta", 2025, "x", "New.")
    try:
        result = build(content, out, settings={"SEARCH": {"pagefind_args": ["--no-such-flag"]}})
    finally:
        (content / "blog" / "p4.md").unlink()
    assert result.returncode == 1
    assert "search: pagefind failed with exit status" in result.stderr
    assert not (out / "blog" / "delta" / "index.html").exists()
    assert (out / "pagefind" / "bundles.json").read_text() == before


def test_a_wrong_setting_stops_the_build(tmp_path, small_site):
    result = build(
        small_site.parent / "content", tmp_path / "out", settings={"SEARCH": {"bundel": "x"}}
    )
    assert result.returncode != 0
    assert "search: unknown SEARCH keys ['bundel']" in result.stderr


def test_pages_whose_paths_a_glob_would_misread_are_indexed_too(tmp_path):
    content = write_site(tmp_path)
    (content / "pages" / "faq[1], notes.md").write_text(
        "---\ntitle: Questions\n---\n\nAsked often.\n"
    )
    out = tmp_path / "output"
    build(content, out, check=True)
    assert sorted(manifest(out, "pages")["pages"]) == [
        "about/index.html",
        "faq[1], notes/index.html",
    ]
    entry = json.loads((out / "pagefind" / "pages" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
