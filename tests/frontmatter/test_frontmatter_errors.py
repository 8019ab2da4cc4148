"""Bad front matter fails the build with one ``file:line: message`` line per problem."""

import shutil

from sitetest import build, problem_lines, write


def test_every_problem_reported_once_and_old_output_kept(tmp_path):
    content = tmp_path / "content"
    write(content, "blog/good.md", "---\ntitle: Good\ndate: 2024-01-01\n---\nfine\n")
    out = tmp_path / "out"
    build(content, out, check=True)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    write(content, "blog/yaml.md", "---\ntitle: [oops\ndate: 2024-01-01\n---\nx\n")
    write(content, "blog/toml.md", '+++\ntitle = "x"\ndate = "soon"\n+++\nx\n')
    write(content, "blog/notitle.md", "---\ndate: 2024-01-01\n---\nx\n")
    write(content, "blog/dup1.md", "---\ntitle: Good\ndate: 2024-02-01\n---\nsame slug as good.md\n")
    result = build(content, out)

    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/blog/dup1.md:2: slug 'good' is also used by {content}/blog/good.md:2; give one of them another slug",
        f"{content}/blog/good.md:2: slug 'good' is also used by {content}/blog/dup1.md:2; give one of them another slug",
        f"{content}/blog/notitle.md:1: missing 'title': add 'title: Your post title' to the front matter",
        f"{content}/blog/toml.md:3: unparseable date 'soon': use a date like 2024-05-31 or 2024-05-31T14:00:00Z",
        f"{content}/blog/yaml.md:3: invalid YAML front matter: expected ',' or ']', but got ':'",
    ]
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
    shutil.rmtree(content)
