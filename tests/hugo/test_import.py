"""import-hugo on a small Hugo site written by the test: mapping, idempotence, hand edits."""

import datetime
import os
import re
import subprocess
import sys
import textwrap

import pytest
import yaml
from sitetest import ROOT

from commands.hugo_import import import_site
from commands.hugo_import.menu import convert as convert_menu

HUGO = {
    "content/_index.md": "---\ntitle: Home\ntype: landing\nsections:\n  - block: markdown\n    id: intro\n    content:\n      title: Hello\n      text: Some **text**.\n---\n",
    "content/blog/_index.md": "---\ntitle: Blog\n---\nIntro\n",
    "content/blog/2022/post/index.md": '+++\ntitle = "A post"\ndate = 2022-01-05\nshow_date = true\nauthors = ["Ada Lovelace", "Sam Author"]\n+++\nBody\n',
    "content/blog/2022/post/featured.png": b"img",
    "content/blog/_templates/template.md": "---\ntitle: Template\n---\n",
    "content/authors/sam-author/_index.md": textwrap.dedent("""\
        ---
        title: Sam Author
        role: Engineer
        superuser: true
        user_groups: [Core Team]
        organizations: [{name: 2i2c, url: "https://2i2c.org"}]
        social:
        - {icon: envelope, icon_pack: fas, link: "mailto:sam@example.org"}
        - {icon: github, icon_pack: fab, link: "https://github.com/sam"}
        - {icon: twitter, icon_pack: fab, link: "https://twitter.com/sam"}
        bio: Short bio.
        ---
        Long bio.
        """),
    "content/authors/sam-author/avatar.png": b"avatar",
    "content/jobs/2023/lead.md": '+++\ntitle = "Lead"\nopen = "false"\nsalary_range = "$1"\n+++\n{{% job_details %}}\n',
    "content/about/_index.md": '---\ntitle: About\nprofile: false\n---\n<div class="box">\n\nSome *Markdown* inside.\n\n</div>\n',
    "content/about/README.md": "notes",
    "content/old/index.html": '<meta http-equiv="refresh" content="0; URL=\'https://docs.example.org\'" />\n',
    "static/images/x.png": b"x",
    "data/numbers.yaml": "a: 1\n",
    "config/_default/menus.toml": '[[main]]\nname = "Docs"\nurl = "docs/"\nweight = 2\n[[main]]\nname = "About"\nidentifier = "about"\nweight = 1\n[[main]]\nname = "Team"\nparent = "about"\nurl = "/team"\nweight = 5\n',
    "layouts/shortcodes/plain.html": '<div class="plain">\n\n**hi** {# not a Jinja comment #}\n</div>',
    "layouts/shortcodes/logic.html": '{{ .Get "x" }}',
}


def write(root, files):
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())


@pytest.fixture
def hugo(tmp_path):
    write(tmp_path / "hugo", HUGO)
    return tmp_path / "hugo"


def front(path):
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    assert match, text
    return yaml.safe_load(match.group(1)), match.group(2)


def test_layout_and_field_mapping(hugo, tmp_path):
    dest = tmp_path / "content"
    report = import_site(hugo, dest)
    post, _ = front(dest / "blog/2022/post/index.md")
    # no permalinks in this site's config: Hugo served it at its path, which stays as an alias
    assert post == {
        "title": "A post",
        "date": datetime.date(2022, 1, 5),
        "authors": ["Ada Lovelace", "Sam Author"],
        "slug": "post",
        "aliases": ["/blog/2022/post/"],
    }
    assert (dest / "blog/2022/post/featured.png").read_bytes() == b"img"
    assert not (dest / "blog/_templates").exists()

    person, bio = front(dest / "team/sam-author/index.md")
    assert person["name"] == "Sam Author" and person["role"] == "Engineer"
    assert person["groups"] == ["Core Team"] and person["avatar"] == "avatar.png"
    assert person["social"] == {
        "email": "sam@example.org",
        "github": "https://github.com/sam",
        "x": "https://twitter.com/sam",
    }
    assert "superuser" not in person and bio.strip() == "Long bio."
    assert front(dest / "team/ada-lovelace/index.md")[0] == {
        "name": "Ada Lovelace"
    }  # a byline without a profile

    job, _ = front(dest / "jobs/2023/lead.md")
    assert job["open"] is False
    about, about_body = front(dest / "pages/about/index.md")
    assert about == {"title": "About"}
    assert '<div markdown="1" class="box">' in about_body
    assert not (dest / "pages/about/README.md").exists()
    home, home_body = front(dest / "pages/index.md")
    assert "sections" not in home and not home_body.strip()
    assert home["blocks"] == [
        {"type": "markdown", "id": "intro", "title": "Hello", "text": "Some **text**."}
    ]
    assert yaml.safe_load((dest / "data/redirects.yaml").read_text()) == [
        {"from": "/old/", "to": "https://docs.example.org"}
    ]
    assert (dest / "static/images/x.png").exists() and (dest / "data/numbers.yaml").exists()
    assert yaml.safe_load((dest / "data/menu.yaml").read_text()) == [
        {"name": "About", "children": [{"name": "Team", "url": "/team/"}]},
        {"name": "Docs", "url": "/docs/"},
    ]
    assert (dest / "shortcodes/plain.html").read_text().startswith("{% raw %}")
    assert report.carried == ["plain"] and report.need_handler == ["logic"]
    lines = "\n".join(report.lines(hugo, dest))
    assert "blog: 1 posts" in lines and "team: 1 people" in lines and "jobs: 1 postings" in lines
    assert "dropped 4 theme-only fields (profile, show_date, superuser, type) from 4 files" in lines


def test_second_run_changes_nothing_and_hand_edits_are_kept_unless_forced(hugo, tmp_path):
    dest = tmp_path / "content"
    first = import_site(hugo, dest)
    assert first.written and not first.unchanged
    stamp = {p: p.stat().st_mtime_ns for p in dest.rglob("*") if p.is_file()}
    second = import_site(hugo, dest)
    assert not second.written and len(second.unchanged) == len(first.written)
    assert {p: p.stat().st_mtime_ns for p in dest.rglob("*") if p.is_file()} == stamp

    edited = dest / "blog/2022/post/index.md"
    edited.write_text(edited.read_text() + "\nMy edit.\n")
    (hugo / "content/blog/2022/post/index.md").write_text(
        '+++\ntitle = "A post, renamed"\ndate = 2022-01-05\n+++\nBody\n'
    )
    third = import_site(hugo, dest)
    assert third.refused == ["blog/2022/post/index.md"] and "My edit." in edited.read_text()
    assert "changed by hand since the last import" in "\n".join(third.lines(hugo, dest))
    forced = import_site(hugo, dest, force=True)
    assert "blog/2022/post/index.md" in forced.written and "renamed" in edited.read_text()
    (hugo / "static/images/x.png").unlink()
    after_removal = import_site(hugo, dest)
    # the renamed post no longer names Ada, and the image is gone: both reported, both left in place
    assert after_removal.gone == ["static/images/x.png", "team/ada-lovelace/index.md"]
    assert (dest / "static/images/x.png").exists()


def test_symlinked_files_are_copied_as_real_files(hugo, tmp_path):
    target = tmp_path / "elsewhere.png"
    target.write_bytes(b"real")
    os.symlink(target, hugo / "content/blog/2022/post/linked.png")
    dest = tmp_path / "content"
    import_site(hugo, dest)
    copied = dest / "blog/2022/post/linked.png"
    assert not copied.is_symlink() and copied.read_bytes() == b"real"


def test_unclosed_front_matter_is_reported_not_copied(hugo, tmp_path):
    (hugo / "content/about/_index.md").write_text("---\ntitle: About\nno closing fence\n")
    report = import_site(hugo, tmp_path / "content")
    assert any("about/_index.md" in p and "never closed" in p for p in report.problems)
    assert not (tmp_path / "content/pages/about/index.md").exists()


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            'To sign up:\n<form action="/x"\n  method="post">\n</form>\n',
            "To sign up:\n\n<form action=",
        ),
        (
            'Text\n<div class="a">\n<div>inner</div>\n</div>\n',
            'Text\n\n<div class="a">\n<div>inner</div>',
        ),
        ("```\ncode\n<div>\n```\n", "```\ncode\n<div>\n```"),
        ("    indented\n<div>x</div>\n", "    indented\n<div>x</div>"),
    ],
)
def test_html_blocks_after_a_paragraph_line_get_a_blank_line(body, expected):
    from commands.hugo_import.fragments import blank_line_before_blocks

    assert blank_line_before_blocks(body).startswith(expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Prices per tier:\n| tier | price |\n|------|-------|\n| small | 10 |\n",
            "Prices per tier:\n\n| tier | price |\n|------|-------|\n| small | 10 |\n",
        ),
        ("Intro\na | b\n--|:-:\n1 | 2\n", "Intro\n\na | b\n--|:-:\n1 | 2\n"),
        ("Text\n| a |\n|---|\n", "Text\n\n| a |\n|---|\n"),
    ],
)
def test_a_table_after_a_paragraph_line_gets_a_blank_line(body, expected):
    from commands.hugo_import.fragments import blank_line_before_blocks

    assert blank_line_before_blocks(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Text\n| a | b |\n|---|\n",  # as many cells in both rows, or it is no table
        "Title\na | b\n---\n",  # no pipe in the second row: a heading
        "- item\n| a | b |\n|---|---|\n",  # the table belongs to the list item
        "```\nText\n| a | b |\n|---|---|\n```\n",
        "Para\n\n| a | b |\n|---|---|\n",
    ],
)
def test_no_blank_line_where_no_table_interrupts_a_paragraph(body):
    from commands.hugo_import.fragments import blank_line_before_blocks

    assert blank_line_before_blocks(body) == body


CAPTION = '<figure>\n<img src="still.png" alt="A still">\n<figcaption>\n\nA talk by [Ada](/ada/).\n\n</figcaption>\n</figure>\n'


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            CAPTION,
            CAPTION.replace("<figure>", '<figure markdown="1">').replace(
                "<figcaption>", '<figcaption markdown="1">'
            ),
        ),
        (
            '<div class="box">\n\nSome *Markdown*.\n\n</div>\n',
            '<div markdown="1" class="box">\n\nSome *Markdown*.\n\n</div>\n',
        ),
        (
            '<div><section id="a">\n\n*x*\n</section></div>\n',
            '<div markdown="1"><section markdown="1" id="a">\n\n*x*\n</section></div>\n',
        ),
        (
            '<div>\n<!-- <section> -->\n{{< figure src="x" >}}\n\n*x*\n\n</div>\n',
            '<div markdown="1">\n<!-- <section> -->\n{{< figure src="x" >}}\n\n*x*\n\n</div>\n',
        ),
        (
            '<div markdown="1">\n<div>\n\n*x*\n</div>\n</div>\n',
            '<div markdown="1">\n<div markdown="1">\n\n*x*\n</div>\n</div>\n',
        ),
        (
            "<div>\n<div>closed</div>\n\n*x*\n</div>\n",
            '<div markdown="1">\n<div>closed</div>\n\n*x*\n</div>\n',
        ),
    ],
)
def test_elements_holding_markdown_after_a_blank_line_are_marked(body, expected):
    from commands.hugo_import.fragments import markdown_in_html

    assert markdown_in_html(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        '<div id="form">\n\n<input type="email" name="e">\n\n</div>\n',  # HTML again after the blank line
        '<figure class="v">\n  {{< video src="v.mp4" >}}\n\n  <figcaption>\n  Powered by x\n  </figcaption>\n</figure>\n',
        "<table>\n  <tr>\n    <td>\n\n      text\n    </td>\n  </tr>\n</table>\n",  # indented by 4: code, not Markdown
        "<div>\n    <div>\n\ntext\n\n    </div>\n</div>\n",  # md_in_html would not see the inner tag
        "```html\n<div>\n\n*x*\n\n</div>\n```\n",
        "<div>closed</div>\n\n*x*\n",
        "Text <div> in a paragraph\n\n*x*\n",
    ],
)
def test_html_without_markdown_inside_is_left_alone(body):
    from commands.hugo_import.fragments import markdown_in_html

    assert markdown_in_html(body) == body


def test_an_opening_tag_split_over_lines_is_joined():
    from commands.hugo_import.fragments import join_split_open_tags

    text = '<form\n  action="/x"\n  method="post"\n>\n<input>\n</form>\n```\n<div\n```\n'
    assert (
        join_split_open_tags(text)
        == '<form action="/x" method="post" >\n<input>\n</form>\n```\n<div\n```\n'
    )


def test_menu_children_by_parent_name_and_badges():
    menu = convert_menu(
        '[[main]]\nname = "Communities"\nweight = 3\n[[main]]\nname = "Stories"\nparent = "Communities"\n'
        'url = "impact/"\n[[main]]\nname = "Roadmap <span class=\\"menu-badge\\">NEW</span>"\n'
        'url = "https://2i2c.org/roadmap/"\nweight = 4\n'
    )
    assert menu == [
        {"name": "Communities", "children": [{"name": "Stories", "url": "/impact/"}]},
        {"name": "Roadmap", "url": "https://2i2c.org/roadmap/", "badge": "NEW"},
    ]


def test_task_prints_counts_and_fails_on_refusals(hugo, tmp_path):
    dest = tmp_path / "content"
    cmd = [sys.executable, "-m", "invoke", "import-hugo", str(hugo), "--dest", str(dest)]
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "blog: 1 posts" in first.stdout and "wrote" in first.stdout
    (dest / "pages/about/index.md").write_text("hand made")
    again = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 1 and "pages/about/index.md" in again.stdout
    missing = subprocess.run(
        cmd[:4] + [str(tmp_path / "nothing")], cwd=ROOT, capture_output=True, text=True
    )
    assert missing.returncode == 1 and "no content/ folder here" in missing.stderr


def test_widget_page_parts_are_assembled_in_weight_order(hugo, tmp_path):
    write(
        hugo,
        {
            "content/founders/index.md": '+++\ntype = "widget_page"\ntitle = "Founders"\n+++\n',
            "content/founders/story.md": '+++\nheadless = true\nweight = 2\ntitle = "Story"\n+++\nOnce.\n',
            "content/founders/intro.md": '+++\nheadless = true\nweight = 1\ntitle = "Intro"\nid = "intro"\n+++\nHello.\n',
            "content/founders/team.md": '+++\nwidget = "people"\nheadless = true\nweight = 3\ntitle = ""\n'
            '[content]\nuser_groups = ["Founders"]\n+++\n',
            "content/founders/off.md": '+++\nheadless = true\nactive = false\nweight = 0\ntitle = "Off"\n+++\nHidden.\n',
        },
    )
    dest = tmp_path / "content"
    import_site(hugo, dest)
    _, body = front(dest / "pages/founders/index.md")
    # each part's section is named after its file, as Hugo Blox names it (links to /founders/#story keep working)
    assert body.strip() == (
        "## Intro {: #intro }\n\nHello.\n\n## Story {: #story }\n\nOnce.\n\n"
        '<div id="team"></div>\n\n{{< people groups="Founders" >}}'
    )
    assert (
        not (dest / "pages/founders/intro.md").exists()
        and not (dest / "pages/founders/_sections").exists()
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "1. First\n   - sub a\n   - sub b\n\n   More text.\n2. Second\n",
            "1. First\n    - sub a\n    - sub b\n\n    More text.\n2. Second\n",
        ),
        ("- a\n  - b\n    - c\n- d\n\nAfter\n", "- a\n    - b\n        - c\n- d\n\nAfter\n"),
        ("Para\n\n    code stays code\n", "Para\n\n    code stays code\n"),
        (
            "- item\n\n  ```\n  if x:\n      y\n  ```\n- next\n",
            "- item\n\n    ```\n    if x:\n        y\n    ```\n- next\n",
        ),
        ("- lazy\ncontinued\n- b\n", "- lazy\ncontinued\n- b\n"),
        ("10. ten\n    - sub\n", "10. ten\n    - sub\n"),
    ],
)
def test_nested_lists_are_reindented_for_python_markdown(source, expected):
    from commands.hugo_import.lists import reindent_lists

    assert reindent_lists(source) == expected


def test_a_nested_list_from_hugo_builds_nested(hugo, tmp_path):
    from sitetest import build, html

    write(
        hugo,
        {
            "content/blog/2022/list/index.md": "---\ntitle: List\ndate: 2022-03-01\ncategories: [x]\n---\n"
            "1. Step one\n   - detail a\n   - detail b\n2. Step two\n"
        },
    )
    import_site(hugo, tmp_path / "content")
    (tmp_path / "content" / "jobs").mkdir(exist_ok=True)
    result = build(tmp_path / "content", tmp_path / "out", settings={"LINKS": {"missing": "warn"}})
    assert result.returncode == 0, result.stdout + result.stderr
    ol = html(tmp_path / "out" / "blog" / "list" / "index.html").select_one(".prose ol")
    assert [li.find(string=True).strip() for li in ol.find_all("li", recursive=False)] == [
        "Step one",
        "Step two",
    ]
    assert [li.text for li in ol.select("li > ul > li")] == ["detail a", "detail b"]


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "```sql\nselect 1\n```vbnet\n[1]: /x\n",
            "```sql\nselect 1\n```vbnet\n[1]: /x\n```\n",
        ),  # an info string closes nothing
        ("```\ncode\n```\n", "```\ncode\n```\n"),
        ("~~~~\ncode\n~~~\n", "~~~~\ncode\n~~~\n~~~~\n"),
        ("``inline`` text\n", "``inline`` text\n"),
    ],
)
def test_a_fence_never_closed_runs_to_the_end_as_in_commonmark(body, expected):
    from commands.hugo_import.fragments import close_unclosed_fence

    assert close_unclosed_fence(body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "an [intro](Hacks/Hackers Dublin: Workshop) here",
            "an \\[intro](Hacks/Hackers Dublin: Workshop) here",
        ),
        ("[x](https ://comp slash)", "\\[x](https ://comp slash)"),
        ('[ok](/a/b/ "A title") and [ok2](<with space.md>) and [ok3](a_(b))', None),
        (
            "![img](pic.png 'title') [n](x (y)) [bad](x y z)",
            "![img](pic.png 'title') [n](x (y)) \\[bad](x y z)",
        ),
        ("```\n[code](not a link)\n```", None),
        ("`[code](not a link)`", None),
    ],
)
def test_what_is_no_link_in_commonmark_stays_text(body, expected):
    from commands.hugo_import.fragments import escape_non_links

    assert escape_non_links(body) == (body if expected is None else expected)


def test_a_footnote_nothing_refers_to_is_left_out_as_goldmark_does():
    from commands.hugo_import.fragments import drop_unreferenced_footnotes

    body = "Text[^1].\n\n[^1]: Used.\n[^2]: Never used,\n    over two lines.\n\n    And a paragraph.\n\nAfter.\n"
    assert drop_unreferenced_footnotes(body) == "Text[^1].\n\n[^1]: Used.\n\nAfter.\n"


def test_the_themes_empty_search_page_is_left_out(hugo, tmp_path):
    write(
        hugo,
        {
            "content/search.md": "---\ntitle: Search\nlayout: search\n---\n",
            "content/find.md": "---\ntitle: Find\n---\nHow to find things.\n",
        },
    )
    report = import_site(hugo, tmp_path / "content")
    assert (
        not (tmp_path / "content/pages/search.md").exists()
        and (tmp_path / "content/pages/find.md").exists()
    )
    assert report.skipped["search page of the Hugo theme (this site has its own at /search/)"] == 1


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "We support:\n  - **GitHub**\n  - **CILogon**\n",
            "We support:\n\n- **GitHub**\n- **CILogon**\n",
        ),
        ("Steps:\n1. one\n2. two\n", "Steps:\n\n1. one\n2. two\n"),
        ("<div>\n- inside an HTML block\n</div>\n", "<div>\n- inside an HTML block\n</div>\n"),
        ("# Title\n- item\n", "# Title\n- item\n"),
    ],
)
def test_a_list_that_interrupts_a_paragraph_gets_a_blank_line(body, expected):
    from commands.hugo_import.lists import reindent_lists

    assert reindent_lists(body) == expected
