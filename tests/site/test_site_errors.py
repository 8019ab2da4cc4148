"""Each kind of bad input fails the build with one exact ``file:line: message`` line,
all problems of a run are listed together, and the previous output stays as it was."""

import pytest
from project_helpers import build
from sitetest import html, problem_lines, warning_lines, write

GOOD = "---\ntitle: Good\ndate: 2024-01-01\n---\nfine\n"


def problems(result, content):
    """The problem lines of a failed build, as printed for the author."""
    assert result.returncode == 1, result.stderr
    return problem_lines(result, content)


CASES = {
    "malformed YAML": (
        {"blog/bad.md": "---\ntitle: Fine\ndate: 2024-01-01\ntags: [a, b\n---\nx\n"},
        [
            "blog/bad.md:4: invalid YAML front matter: expected ',' or ']', but got '<stream end>'; a list in [brackets] "
            "is not closed or has an item with a colon; close it, or quote the item"
        ],
    ),
    "malformed TOML": (
        {"blog/bad.md": '+++\ntitle = "Fine"\ndate = 2024-01-01\ntags = ["a" "b"]\n+++\nx\n'},
        ["blog/bad.md:4: invalid TOML front matter: Unclosed array"],
    ),
    "duplicate slug": (
        {
            "blog/2023/one.md": "---\ntitle: One\ndate: 2023-01-01\nslug: same\n---\nx\n",
            "blog/2024/two/index.md": "---\ndate: 2024-01-01\ntitle: Same\n---\nx\n",
        },
        [
            "blog/2023/one.md:4: slug 'same' is also used by {content}/blog/2024/two/index.md:3; give one of them another slug",
            "blog/2024/two/index.md:3: slug 'same' is also used by {content}/blog/2023/one.md:4; give one of them another slug",
        ],
    ),
    "two pages at one address": (
        {
            "pages/about.md": "---\ntitle: About\n---\nx\n",
            "pages/about/index.md": "---\ntitle: About too\n---\ny\n",
        },
        [
            "pages/about.md:2: slug 'about' is also used by {content}/pages/about/index.md:2; give one of them another slug",
            "pages/about/index.md:2: slug 'about' is also used by {content}/pages/about.md:2; give one of them another slug",
        ],
    ),
    "page at a post's address": (
        {
            "blog/news.md": "---\ntitle: News\ndate: 2024-01-01\n---\nx\n",
            "pages/blog/news/index.md": "---\ntitle: Other news\n---\ny\n",
        },
        [
            "blog/news.md:2: address /blog/news/ is also used by {content}/pages/blog/news/index.md:2; give one of them another slug",
            "pages/blog/news/index.md:2: address /blog/news/ is also used by {content}/blog/news.md:2; give one of them another slug",
        ],
    ),
    "page at a listing's address": (
        {
            "pages/blog/index.md": "---\ntitle: Our blog\n---\nx\n",
            "pages/tag/fun.md": "---\ntitle: Fun\n---\nx\n",
            "blog/fun.md": "---\ntitle: Fun post\ndate: 2024-01-01\ntags: [fun]\n---\nx\n",
        },
        [
            "pages/blog/index.md:2: address /blog/ is also the blog index; give this page another path or slug",
            "pages/tag/fun.md:2: address /tag/fun/ is also the tag page of 'fun'; give this page another path or slug",
        ],
    ),
    "alias onto a real page": (
        {
            "pages/contact.md": "---\ntitle: Contact\n---\nx\n",
            "blog/moved.md": "---\ntitle: Moved\ndate: 2024-01-01\naliases:\n  - /contact/\n---\nx\n",
        },
        [
            "blog/moved.md:4: alias '/contact/' is the address of {content}/pages/contact.md:1; remove the alias or move that page"
        ],
    ),
    "alias that is not a path": (
        {
            "blog/elsewhere.md": "---\ntitle: Elsewhere\ndate: 2024-01-01\naliases: [https://2i2c.org/old/]\n---\nx\n"
        },
        [
            "blog/elsewhere.md:4: each alias must be a path on this site like /old/path/, not 'https://2i2c.org/old/'"
        ],
    ),
    "broken menu entry": (
        {"data/menu.yaml": "- name: Blog\n  url: /blog/\n- url: /nameless/\n"},
        ["data/menu.yaml:3: menu entry 2 needs a 'name' (and a 'url' or 'children')"],
    ),
    "malformed data file": (
        {"data/people.yaml": "a: 1\nb: [\n"},
        ["data/people.yaml:2: invalid YAML: expected the node content, but found '<stream end>'"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_input_gives_its_exact_line(tmp_path, case):
    files, expected = CASES[case]
    content = tmp_path / "content"
    write(content, "blog/good.md", GOOD)
    for relpath, text in files.items():
        write(content, relpath, text)
    lines = problems(build(content, tmp_path / "out"), content)
    assert lines == [f"{content}/{line.format(content=content)}" for line in expected]
    assert not (tmp_path / "out").exists()


def test_all_problems_listed_together_and_old_output_kept(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "blog/good.md", GOOD)
    build(content, out, check=True)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    expected = []
    for number, case in enumerate(sorted(CASES)):
        files, lines = CASES[case]
        # Blog files of each case in their own folder, so cases do not hide each other.
        moved = {
            relpath: f"blog/case{number}/{relpath[5:]}" if relpath.startswith("blog/") else relpath
            for relpath in files
        }
        for relpath, text in files.items():
            write(content, moved[relpath], text)
        for line in lines:
            for old, new in moved.items():
                line = line.replace(old + ":", new + ":")
            expected.append(f"{content}/{line.format(content=content)}")
    result = build(content, out)

    assert sorted(problems(result, content)) == sorted(expected)
    assert f"Build failed with {len(expected)} problems" in result.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_what_hugo_builds_anyway_is_a_warning_and_the_post_is_kept_out_of_lists(tmp_path):
    """Hugo builds a post without a title or with a date it cannot read: so do we, saying so."""
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "blog/good.md", GOOD)
    write(content, "blog/untitled-news.md", "---\ndate: 2024-01-01\n---\nx\n")
    write(content, "blog/typo.md", "---\ntitle: Typo\n\ndate: 31/31/2024\n---\nx\n")
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert warning_lines(result, content) == [
        f"{content}/blog/typo.md:4: 'date: 31/31/2024' is not a date Hugo can read (Hugo 0.125 ignores it, newer "
        "versions refuse it); write it like 2024-05-31 or 2024-05-31T14:00:00Z",
        f"{content}/blog/typo.md:4: no date Hugo can read: the post is published at its address but left out of the "
        "blog's lists and feeds; add 'date: 2024-05-31' to list it",
        f"{content}/blog/untitled-news.md:1: no 'title': Hugo shows this post without one; it is called "
        "'Untitled news' here: add 'title: Your post title'",
    ]
    assert (out / "blog/typo/index.html").exists()
    assert (out / "blog/untitled-news/index.html").exists()
    listed = {a["href"] for a in html(out / "blog/index.html").select("a[href]")}
    assert any("/blog/untitled-news/" in href for href in listed)
    assert not any("/blog/typo/" in href for href in listed)
    assert "/blog/typo/" not in (out / "blog/atom.xml").read_text()
