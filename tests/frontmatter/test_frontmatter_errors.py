"""Bad front matter fails the build with one ``file:line: message`` line per problem; what Hugo
reads anyway (no title, a date it cannot read) is a warning, as Hugo builds such a post too."""

import shutil

from sitetest import build, problem_lines, warning_lines, write


def test_every_problem_reported_once_and_old_output_kept(tmp_path):
    content = tmp_path / "content"
    write(content, "blog/good.md", "---\ntitle: Good\ndate: 2024-01-01\n---\nfine\n")
    out = tmp_path / "out"
    build(content, out, check=True)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    write(content, "blog/yaml.md", "---\ntitle: [oops\ndate: 2024-01-01\n---\nx\n")
    write(content, "blog/toml.md", '+++\ntitle = "x"\ndate = "soon"\n+++\nx\n')
    write(content, "blog/notitle.md", "---\ndate: 2024-01-01\n---\nx\n")
    write(
        content, "blog/dup1.md", "---\ntitle: Good\ndate: 2024-02-01\n---\nsame slug as good.md\n"
    )
    result = build(content, out)

    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/blog/dup1.md:2: slug 'good' is also used by {content}/blog/good.md:2; give one of them another slug",
        f"{content}/blog/good.md:2: slug 'good' is also used by {content}/blog/dup1.md:2; give one of them another slug",
        f"{content}/blog/yaml.md:3: invalid YAML front matter: expected ',' or ']', but got ':'; a list in "
        "[brackets] is not closed or has an item with a colon; close it, or quote the item",
    ]
    assert warning_lines(result, content) == [
        f"{content}/blog/notitle.md:1: no 'title': Hugo shows this post without one; it is called 'Notitle' here: "
        "add 'title: Your post title'",
        f"{content}/blog/toml.md:3: 'date: soon' is not a date Hugo can read (Hugo 0.125 ignores it, newer versions "
        "refuse it); write it like 2024-05-31 or 2024-05-31T14:00:00Z",
        f"{content}/blog/toml.md:3: no date Hugo can read: the post is published at its address but left out of the "
        "blog's lists and feeds; add 'date: 2024-05-31' to list it",
    ]
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
    shutil.rmtree(content)
