"""Mermaid fences drawn into inline SVG at build time, cached, with code blocks where they cannot be drawn."""

import os

import markdown
import pytest
from bs4 import BeautifulSoup
from htmlvalidate.test_valid_html import validate
from mermaid.extension import MermaidExtension
from sitetest import ROOT, Preview, build, html, warning_lines, write

FLOW = """```mermaid
flowchart LR
  Hub[JupyterHub] --> Provider{Cloud provider}
  Provider -->|GCP| Google[Google Cloud]
```"""
SEQUENCE = """```mermaid
sequenceDiagram
  Learner->>Hub: log in
```"""
BROKEN = """```mermaid
pie title Pets
  "Dogs" : 386
```"""
HEAD = "---\ntitle: {title}\ndate: 2024-05-0{day}\n---\n"
NODE_PACKAGE = ROOT / "tests" / "node_modules" / "beautiful-mermaid"


def site(root, posts):
    for number, (slug, body) in enumerate(posts, 1):
        write(
            root / "content",
            f"blog/2024/{slug}.md",
            HEAD.format(title=slug.title(), day=number) + body + "\n",
        )
    return root / "content"


def run(root, content, output="output", **mermaid):
    settings = {"CACHE_PATH": str(root / "cache")}
    if mermaid:
        settings["MERMAID"] = mermaid
    return build(content, root / output, settings=settings)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    assert (NODE_PACKAGE / "package.json").is_file(), (
        "run 'npm ci --prefix tests' (tests/package.json)"
    )
    root = tmp_path_factory.mktemp("mermaid")
    content = site(
        root,
        [
            ("two", f"Before.\n\n{FLOW}\n\nBetween.\n\n{SEQUENCE}\n"),
            ("broken", f"Intro line.\n\n{BROKEN}\n"),
        ],
    )
    first = run(root, content)
    assert first.returncode == 0, first.stderr
    return root, content, first


def test_diagram_is_inline_svg_with_its_labels_as_text(drawn):
    root, _content, _result = drawn
    page = html(root / "output/blog/two/index.html")
    figures = page.select(".prose figure.mermaid-diagram")
    assert len(figures) == 2
    texts = [t.get_text() for t in figures[0].svg.find_all("text")]
    assert {"JupyterHub", "Cloud provider", "Google Cloud", "GCP"} <= set(texts)
    assert {"Learner", "Hub", "log in"} <= {t.get_text() for t in figures[1].svg.find_all("text")}
    assert page.select("pre.mermaid-source") == []


def test_no_script_and_nothing_from_another_host(drawn):
    root, _content, _result = drawn
    page = html(root / "output/blog/two/index.html")
    for figure in page.select("figure.mermaid-diagram"):
        assert figure.find("script") is None
        assert (
            "http" not in figure.svg.style.get_text()
        )  # the renderer's web-font @import is removed
        assert "@import" not in figure.svg.style.get_text()
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))  # two diagrams, each with its own arrow markers
    assert page.select("figure.mermaid-diagram [style]") == []  # pages allow no inline style
    styles = page.select("figure.mermaid-diagram style")
    rules = [
        line.strip()
        for style in styles
        for line in style.get_text().splitlines()
        if line.strip().endswith("{")
    ]
    assert rules and all(rule.startswith(".mermaid-diagram ") for rule in rules)


def test_pages_with_diagrams_pass_html_validate(drawn):
    root, _content, _result = drawn
    assert validate(root / "output" / "blog" / "two") == []


def test_broken_diagram_warns_once_with_file_and_line_and_stays_code(drawn):
    root, content, result = drawn
    warnings = [w for w in warning_lines(result, content) if "Mermaid" in w]
    # broken.md: 4 lines of front matter, "Intro line.", a blank line, then the fence on line 7
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{content / 'blog/2024/broken.md'}:7: Mermaid diagram shown as code"
    )
    block = html(root / "output/blog/broken/index.html").select_one(
        ".prose pre.mermaid-source code"
    )
    assert block.get_text().startswith("pie title Pets")
    assert html(root / "output/blog/broken/index.html").select("figure.mermaid-diagram") == []


def test_second_build_takes_every_diagram_from_the_cache(drawn):
    root, content, _result = drawn
    cached = sorted(os.listdir(root / "cache" / "mermaid"))
    assert (
        len([f for f in cached if f.endswith(".svg")]) == 2
        and len([f for f in cached if f.endswith(".error")]) == 1
    )
    # no Node.js this time: only the cache can draw the diagrams
    again = run(root, content, output="again", node="no-such-node")
    assert again.returncode == 0, again.stderr
    assert "install Node.js" not in again.stderr
    first = html(root / "output/blog/two/index.html").select("figure.mermaid-diagram")
    second = html(root / "again/blog/two/index.html").select("figure.mermaid-diagram")
    assert [str(f) for f in second] == [str(f) for f in first]
    assert sorted(os.listdir(root / "cache" / "mermaid")) == cached
    # the broken diagram's error is cached too: still one warning, from the cache
    assert (
        len([w for w in warning_lines(again, content) if "Mermaid diagram shown as code" in w]) == 1
    )


def test_without_node_one_warning_per_build_and_code_blocks(tmp_path):
    content = site(tmp_path, [("one", FLOW), ("two", f"{FLOW}\n\n{SEQUENCE}")])
    result = run(tmp_path, content, node="no-such-node")
    assert result.returncode == 0, result.stderr
    lines = [
        line for line in result.stderr.splitlines() if "Mermaid diagrams shown as code" in line
    ]
    assert len(lines) == 1 and "install Node.js and run 'npm ci --prefix tests'" in lines[0]
    page = html(tmp_path / "output/blog/two/index.html")
    assert [pre.code.get_text().split("\n")[0] for pre in page.select(".prose pre")] == [
        "flowchart LR",
        "sequenceDiagram",
    ]
    assert page.select(".prose svg, figure.mermaid-diagram") == []


def test_bad_setting_is_one_line(tmp_path):
    content = site(tmp_path, [("one", "text")])
    result = run(tmp_path, content, colour="blue")
    assert result.returncode != 0
    assert (
        "mermaid: unknown MERMAID keys ['colour']" in result.stderr
        and "Traceback" not in result.stderr
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (FLOW, ["flowchart LR"]),
        ("~~~mermaid\ngraph TD\n  A --> B\n~~~", ["graph TD"]),
        # a fence showing a mermaid fence as an example, and an indented code block: code, not diagrams
        ("````markdown\n```mermaid\ngraph TD\n```\n````", []),
        ("    ```mermaid\n    graph TD", []),
    ],
)
def test_which_fences_are_diagrams(text, expected):
    md = markdown.Markdown(extensions=["markdown.extensions.extra", MermaidExtension()])
    found = BeautifulSoup(md.convert(text), "lxml").select("pre.mermaid-source code")
    assert [code.get_text().split("\n")[0] for code in found] == expected


def test_serve_keeps_diagrams_when_text_is_edited_and_draws_an_edited_diagram(tmp_path):
    content = site(tmp_path, [("one", f"First text.\n\n{FLOW}\n")])
    post = content / "blog/2024/one.md"
    with Preview(content, tmp_path / "out", tmp_path / "serve.log") as preview:
        number = preview.listen()
        post.write_text(
            post.read_text().replace("First text.", "Edited text.")
        )  # the diagram from the cache
        assert preview.next_build() == number + 1
        page = BeautifulSoup(preview.page("/blog/one/"), "lxml")
        assert "Edited text." in page.get_text()
        assert "Google Cloud" in [
            t.get_text() for t in page.select("figure.mermaid-diagram svg text")
        ]
        post.write_text(
            post.read_text().replace("Google Cloud", "Azure Cloud")
        )  # the diagram itself
        assert preview.next_build() == number + 2
        page = BeautifulSoup(preview.page("/blog/one/"), "lxml")
        labels = [t.get_text() for t in page.select("figure.mermaid-diagram svg text")]
        assert "Azure Cloud" in labels and "Google Cloud" not in labels
