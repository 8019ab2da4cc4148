"""A second build indexes again only the bundles whose pages changed, and writes the
same bundles, byte for byte, as a clean build of the same content."""

import pytest
from searchsite import POSTS, bundles, manifest, write_post, write_site
from sitetest import build

from plugins.search.inputs import bundle_of, searched_digest

BETA = "blog/beta-notes/index.html"


def snapshot(site):
    """Every file of the search bundles: path -> (inode, bytes)."""
    root = site / "pagefind"
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def bundle(snap, name, but=()):
    return {
        path: value
        for path, value in snap.items()
        if path.startswith(name + "/") and path not in but
    }


def contents(snap):
    return {path: data for path, (_, data) in snap.items()}


@pytest.fixture
def site(tmp_path):
    content = write_site(tmp_path)
    out = tmp_path / "output"
    build(content, out, check=True)
    return content, out


def assert_same_as_clean_build(content, out, clean):
    build(content, clean, check=True)
    assert bundles(out) == bundles(clean)
    assert contents(snapshot(out)) == contents(snapshot(clean))


def test_an_edited_post_indexes_its_own_bundle_only(site, tmp_path):
    content, out = site
    before, old = snapshot(out), manifest(out, "posts-2024")["pages"]
    write_post(content, 2, *POSTS[1][:3], "A post about hubs and kelp forests.")  # Beta notes, 2024
    build(content, out, check=True)
    after, new = snapshot(out), manifest(out, "posts-2024")["pages"]

    # the other bundles are the very files of the previous output (hard links: same inodes)
    assert bundle(after, "pages") == bundle(before, "pages") != {}
    assert bundle(after, "posts-2023") == bundle(before, "posts-2023") != {}
    # Beta's bundle was written again, every file of it
    rewritten = bundle(after, "posts-2024")
    assert rewritten and all(
        after[path][0] != before[path][0] for path in rewritten if path in before
    )
    assert new[BETA]["searched"] != old[BETA]["searched"]
    assert {path: new[path] for path in new if path != BETA} == {
        path: old[path] for path in old if path != BETA
    }
    assert_same_as_clean_build(content, out, tmp_path / "clean")


def test_a_neighbours_new_title_does_not_index_a_bundle_again(site, tmp_path):
    """Beta links to Alpha, its older neighbour, in a footer Pagefind ignores."""
    content, out = site
    before, old = snapshot(out), manifest(out, "posts-2024")["pages"]
    write_post(content, 1, "Alpha notes, renamed", *POSTS[0][1:])
    build(content, out, check=True)
    after, new = snapshot(out), manifest(out, "posts-2024")["pages"]

    assert "Alpha notes, renamed" in (out / "blog" / "beta-notes" / "index.html").read_text()
    assert new[BETA]["sha256"] != old[BETA]["sha256"]  # the file changed...
    assert new[BETA]["searched"] == old[BETA]["searched"]  # ...not what Pagefind reads of it
    manifest_file = "posts-2024/inputs.json"
    assert bundle(after, "posts-2024", but=[manifest_file]) == bundle(
        before, "posts-2024", but=[manifest_file]
    )
    assert after[manifest_file][0] != before[manifest_file][0]  # written anew, not through the link
    assert all(
        after[path][0] != before[path][0] for path in bundle(after, "posts-2023") if path in before
    )
    assert "posts-2023/pagefind.js" in before
    assert_same_as_clean_build(content, out, tmp_path / "clean")


def test_new_pagefind_arguments_index_every_bundle_again(site):
    content, out = site
    before = snapshot(out)
    build(
        content, out, settings={"SEARCH": {"pagefind_args": ["--force-language", "en"]}}, check=True
    )
    after = snapshot(out)
    assert set(after) == set(before)
    assert all(after[path][0] != before[path][0] for path in after if path != "bundles.json")
    assert all(manifest(out, name)["args"] == ["--force-language", "en"] for name in bundles(out))


def test_a_new_post_in_a_new_year_adds_a_bundle_and_a_removed_one_goes(site, tmp_path):
    content, out = site
    write_post(content, 4, "Delta notes", 2025, "x", "The newest post.")
    build(content, out, check=True)
    assert bundles(out) == ["pages", "posts-2025", "posts-2024", "posts-2023"]
    (content / "blog" / "p4.md").unlink()
    build(content, out, check=True)
    assert bundles(out) == ["pages", "posts-2024", "posts-2023"]
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == [
        "bundles.json",
        "pages",
        "posts-2023",
        "posts-2024",
    ]
    assert_same_as_clean_build(content, out, tmp_path / "clean")


PAGE = """<!DOCTYPE html><html lang="en"><head><title>T</title>{head}</head><body>
<article data-pagefind-body><h1>Title</h1><p>{body}</p>
<footer data-pagefind-ignore>{footer}</footer></article></body></html>"""


def page(body="Text.", footer="<a href='/x/'>Older post</a>", head=""):
    return PAGE.format(body=body, footer=footer, head=head).encode()


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (page(footer="<a href='/y/'>Another older post</a>"), True),  # ignored by Pagefind
        (page(body="Other text."), False),
        (
            page(head='<meta name="description" content="x">'),
            False,
        ),  # outside the body: kept, to be safe
        (
            page(footer="<span data-pagefind-meta='author'>Ann</span>"),
            False,
        ),  # read even when ignored
        (page(footer="<img src='/a.png' alt=''>"), False),
    ],
)
def test_searched_digest_leaves_out_only_what_pagefind_skips(other, same):
    assert (searched_digest(other) == searched_digest(page())) is same


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("", "Text."),  # read by its tags alone
        ('<script src="/theme/js/theme.js"></script>', "Text."),  # an empty script: the same
        ("<script>let x = '<footer>';</script>", "Text."),  # left to lxml
        ("<!-- <footer data-pagefind-ignore> -->", "Text."),
        ("", "Mark parts with data-pagefind-ignore."),  # the attribute's name in text
    ],
)
def test_same_digest_however_the_page_is_read(head, body):
    digest = searched_digest(page(head=head, body=body))
    assert digest == searched_digest(page(head=head, body=body, footer="<a href='/z/'>Renamed</a>"))
    assert digest != searched_digest(page(head=head, body=body + " Changed."))


def test_markup_inside_a_script_is_not_taken_for_an_ignored_element():
    def with_words(words):
        return page(body=f'<script>let s = "<span data-pagefind-ignore>";</script>{words}</span>')

    assert searched_digest(with_words("Visible words")) != searched_digest(
        with_words("Other words")
    )


def test_an_ignored_element_ends_at_its_own_end_tag():
    nested = page(footer="<footer>Newer</footer> and <footer>older</footer>")
    assert searched_digest(nested) == searched_digest(page(footer="<footer>Other</footer>"))
    assert searched_digest(nested) != searched_digest(
        nested.replace(b"</article>", b"<p>More.</p></article>")
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2021-05-04T00:00:00+00:00">',
            "posts-2021",
        ),
        ("", "pages"),
    ],
)
def test_posts_go_to_the_bundle_of_their_year(head, expected):
    assert bundle_of(page(head=head)) == expected


def test_a_site_indexed_in_place_redoes_only_the_changed_bundles(site, tmp_path):
    """A build without build_guard indexes its own output, the previous site, in place."""
    from plugins.search.bundles import index_site
    from plugins.search.settings import validated

    content, out = site
    write_post(content, 2, *POSTS[1][:3], "A post about hubs and kelp forests.")
    build(content, tmp_path / "clean", check=True)
    before = snapshot(out)
    (out / BETA).write_bytes((tmp_path / "clean" / BETA).read_bytes())
    assert index_site(str(out), str(out), validated(None)) is True
    after = snapshot(out)
    assert bundle(after, "pages") == bundle(before, "pages") != {}
    assert [
        path
        for path in bundle(after, "posts-2024")
        if path in before and after[path][0] == before[path][0]
    ] == []
    assert contents(after) == contents(snapshot(tmp_path / "clean"))
