"""The reader keeps one Markdown converter between files: nothing of one file reaches the next."""

from sitetest import build, html, write

# Each post uses a reference link and an abbreviation that only the other one defines.
POST = """---
title: Post {me}
slug: post-{me}
date: 2024-01-0{day}
---

Uses [the link of {other}][from-{other}] and {other_abbr}.[^1]

[^1]: Note of {me}.

[from-{me}]: https://example.org/{me}

*[{my_abbr}]: Defined in {me}
"""


def test_no_reference_footnote_or_abbreviation_leaks_into_the_next_file(tmp_path):
    content = tmp_path / "content"
    write(
        content, "blog/a.md", POST.format(me="a", other="b", day=1, my_abbr="AAA", other_abbr="BBB")
    )
    write(
        content, "blog/b.md", POST.format(me="b", other="a", day=2, my_abbr="BBB", other_abbr="AAA")
    )
    build(content, tmp_path / "out", check=True)
    for me, other, other_abbr in (("a", "b", "BBB"), ("b", "a", "AAA")):
        body = html(tmp_path / "out" / "blog" / f"post-{me}" / "index.html").find("article")
        text = body.get_text(" ", strip=True)
        assert f"[the link of {other}][from-{other}]" in text
        assert not body.find("a", href=f"https://example.org/{other}")
        assert not body.find("abbr", string=other_abbr)
        notes = body.select("div.footnote li")
        assert [li.get("id") for li in notes] == ["fn:1"]
        assert f"Note of {me}." in notes[0].get_text()
