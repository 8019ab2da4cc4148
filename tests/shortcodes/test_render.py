"""Shortcodes rendered in a real build: built-ins, site templates, handlers from another plugin, errors."""

import re
import textwrap
from urllib.parse import urljoin, urlsplit

import pytest
from sitetest import ROOT, build, html

POST = """\
---
title: Shortcodes
date: 2024-01-02
authors: [Ada]
categories: [news]
---
Intro paragraph.

{{< figure src="photo.png" caption="A **bold** [link](https://example.org)" width="40%" link="https://example.org/big"
    attr="Photo: Ada" attrlink="https://example.org/ada" >}}

{{< youtube dQw4w9WgXcQ >}}

{{< tweet user="jupyter" id="12345" >}}

{{% callout warning %}}
Read *this* first.

- one
- two {{< cta cta_text="Join" cta_link="/join/" cta_new_tab="true" >}}
{{% /callout %}}

{{% pull-quote cite="Grace, *Navy*" %}}
Quote with **Markdown**.
{{% /pull-quote %}}

{{< video src="clip.mp4" controls="yes" >}}

{{< greeting who="world" >}}

{{< shout >}}quiet words{{< /shout >}}

`{{< figure src="inline.png" >}}` stays code, and so does:

```
{{< youtube in-fence >}}
{{</* figure src="escaped.png" */>}}
```
"""


def write(root, files):
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(
                textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8"
            )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("sc")
    write(
        root,
        {
            "content/blog/2024/shortcodes/index.md": POST,
            "content/blog/2024/shortcodes/photo.png": b"png",
            "content/blog/2024/shortcodes/clip.mp4": b"mp4",
            "content/shortcodes/greeting.html": '<p class="greeting">Hello, {{ params.who }}!</p>',
            "content/pages/collaborators/index.md": "---\ntitle: Collaborators\n---\n{{< list-collaborators >}}\n",
            "content/pages/collaborators/zeta/index.md": "---\ntitle: Zeta Org\ntags: [funder]\n---\n![Zeta logo](logo.png)\n\n[Zeta](https://zeta.example) funds **open** science.\n",
            "content/pages/collaborators/zeta/logo.png": b"png",
            "content/pages/join.md": "---\ntitle: Join\n---\nJoin us.\n",
            "content/pages/collaborators/alpha/index.md": "---\ntitle: Alpha Lab\nsummary: Alpha builds hubs.\n---\nBody.\n",
            "content/pages/funding/index.md": "---\ntitle: Funding\nfunders:\n  - image: /images/f.png\n    name: Fund\n    description: Gave **money**.\n---\n{{< list-funders >}}\n\n{{< members-logo-cloud >}}\n\n{{< members-logo-cloud >}}\n",
            "content/static/images/f.png": b"png",
            "plugins/shouting/__init__.py": "from .plugin import register\n",
            "plugins/shouting/plugin.py": textwrap.dedent("""\
            from blinker import signal
            from markupsafe import escape


            def shout(sc):
                if sc.inner is None:
                    raise ValueError("needs text: {{< shout >}}text{{< /shout >}}")
                return f'<p class="shout">{escape(str(sc.inner).upper())} (line {sc.line})</p>'


            shout.needs_inner = True


            def handlers(sender):
                return {"shout": shout}


            def register():
                signal("shortcode_handlers").connect(handlers)
            """),
        },
    )
    settings = {
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(root / "plugins")],
        "PLUGINS": plugins() + ["shouting"],
    }
    result = build(root / "content", root / "out", settings=settings)
    return root, result


def plugins():
    import ast

    tree = ast.parse((ROOT / "pelicanconf.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "PLUGINS":
            return ast.literal_eval(node.value)
    raise AssertionError("no PLUGINS in pelicanconf.py")


def served(url, page="https://2i2c.org/blog/shortcodes/"):
    """The path a browser fetches for url on the post's page."""
    return urlsplit(urljoin(page, url)).path


def post(site):
    root, result = site
    assert result.returncode == 0, result.stdout + result.stderr
    return html(root / "out" / "blog" / "shortcodes" / "index.html")


def test_figure_with_markdown_caption_alt_from_caption_width_and_link(site):
    figure = post(site).select_one("figure.sc-figure")
    img = figure.find("img")
    assert served(img["src"]) == "/blog/shortcodes/photo.png" and img["loading"] == "lazy"
    assert img["alt"] == "A bold link" and "40%" in img["style"]
    assert figure.find("a")["href"] == "https://example.org/big"
    caption = figure.find("figcaption")
    assert (
        caption.find("strong").text == "bold" and caption.find("a")["href"] == "https://example.org"
    )
    assert caption.select_one(".sc-figure-attr a")["href"] == "https://example.org/ada"


def test_youtube_and_tweet_load_nothing_from_other_hosts(site):
    page = post(site)
    assert all(
        urlsplit(s.get("src") or "").netloc in ("", "2i2c.org")
        for s in page.find_all(["iframe", "script"])
    )
    assert page.select_one(".sc-youtube a")["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.select_one(".sc-tweet a")["href"] == "https://x.com/jupyter/status/12345"


def test_percent_form_renders_nested_markdown_and_shortcodes(site):
    callout = post(site).select_one(".sc-callout-warning")
    assert callout["role"] == "note"
    assert callout.find("em").text == "this"
    assert [li.text.strip()[:3] for li in callout.find_all("li")] == ["one", "two"]
    cta = callout.select_one(".sc-cta a")
    assert (
        cta["href"] == "https://2i2c.org/join/"
        and cta["target"] == "_blank"
        and "noopener" in cta["rel"]
    )


def test_pull_quote_cite_is_markdown(site):
    quote = post(site).select_one(".sc-pull-quote")
    assert quote.find("blockquote").find("strong").text == "Markdown"
    assert quote.find("figcaption").find("em").text == "Navy"


def test_video_from_the_bundle_with_controls(site):
    video = post(site).select_one("video.sc-video")
    assert video.has_attr("controls") and not video.has_attr("autoplay")
    assert served(video.find("source")["src"]) == "/blog/shortcodes/clip.mp4"
    assert video.find("source")["type"] == "video/mp4"


def test_site_template_and_handler_from_another_plugin(site):
    page = post(site)
    assert page.select_one("p.greeting").text == "Hello, world!"
    assert page.select_one("p.shout").text == "QUIET WORDS (line 31)"


def test_code_keeps_shortcodes_as_text_and_nothing_raw_elsewhere(site):
    page = post(site)
    codes = " ".join(c.text for c in page.find_all("code"))
    assert '{{< figure src="inline.png" >}}' in codes
    assert "{{< youtube in-fence >}}" in codes
    assert '{{< figure src="escaped.png" >}}' in codes and "/*" not in codes
    for code in page.find_all(["code", "pre"]):
        code.decompose()
    assert "{{<" not in str(page) and "{{%" not in str(page)


def test_list_collaborators_reads_the_section(site):
    root, _ = site
    cards = html(root / "out" / "collaborators" / "index.html").select(".sc-card")
    assert [c.find("a").text for c in cards] == ["Alpha Lab", "Zeta Org"]
    assert cards[0].find("a")["href"] == "https://2i2c.org/collaborators/alpha/"
    assert cards[0].find("p").text == "Alpha builds hubs."
    assert cards[1].find("p").text == "Zeta funds open science."
    assert [li.text for li in cards[1].select(".sc-badges li")] == ["funder"]


def test_list_funders_and_one_warning_for_a_missing_logo_cloud(site):
    root, result = site
    page = html(root / "out" / "funding" / "index.html")
    funder = page.select_one(".sc-funders li")
    assert funder.find("img")["src"].endswith("/images/f.png")
    assert funder.find("strong").text == "money"
    assert not page.select(".sc-logo-cloud")
    log = result.stdout + result.stderr
    assert len(re.findall(r"shortcode members-logo-cloud: no data file", log)) == 1


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("Text\n\n{{< nosuch a >}}\n", 9, "shortcode nosuch: unknown shortcode"),
        ("one\n\n{{% callout note %}}\nnot closed\n", 9, "shortcode callout: is never closed"),
        (
            '{{< figure src="x.png" caption="unterminated >}}\n',
            7,
            'shortcode figure: a value opened with " is never closed',
        ),
        ("{{< figure >}}\n", 7, "shortcode figure: missing src"),
        (
            "{{% callout note %}}\nok\n{{% /callout %}}\n\n{{% callout %}}\n{{< youtube >}}\n{{% /callout %}}\n",
            12,
            "shortcode youtube: missing video id",
        ),
    ],
)
def test_errors_name_file_line_and_shortcode(tmp_path, body, line, message):
    post_file = tmp_path / "content" / "blog" / "bad.md"
    post_file.parent.mkdir(parents=True)
    post_file.write_text(
        f"---\ntitle: Bad\ndate: 2024-01-01\ncategories: [news]\n---\n\n{body}", encoding="utf-8"
    )
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.html").write_text("previous")
    result = build(tmp_path / "content", tmp_path / "out")
    log = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert result.returncode == 1
    assert re.search(rf"bad\.md:{line}: {re.escape(message)}", log), log[-1500:]
    assert (tmp_path / "out" / "keep.html").read_text() == "previous"


def test_relref_param_highlight_and_gist(tmp_path):
    write(
        tmp_path,
        {
            "content/blog/a/index.md": "---\ntitle: A\ndate: 2022-01-01\ncategories: [x]\nsubtitle: The sub\n---\n"
            'See [b]({{< relref "../b/index.md" >}}) and {{< param subtitle >}}.\n\n'
            '{{< highlight python >}}\nif a < b: print("{{x}}")\n{{< /highlight >}}\n\n'
            "{{< gist someone abc123 >}}\n",
            "content/blog/b/index.md": "---\ntitle: B\ndate: 2022-01-02\ncategories: [x]\n---\nB\n",
        },
    )
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    prose = html(tmp_path / "out" / "blog" / "a" / "index.html").select_one(".prose")
    assert prose.find("a")["href"] == "https://2i2c.org/blog/b/"
    assert "and The sub." in prose.find("p").text
    assert prose.select_one("code.language-python").text == 'if a < b: print("{{x}}")'
    assert prose.select_one(".sc-gist a")["href"] == "https://gist.github.com/someone/abc123"


def test_people_lists_a_group_from_the_team_folder(tmp_path):
    write(
        tmp_path,
        {
            "content/team/zoe/index.md": "---\nname: Zoe Z\nrole: Engineer\ngroups: [Founders]\n---\nBio.\n",
            "content/team/al.md": "---\nname: Al A\ngroups: [Founders, Staff]\n---\nBio.\n",
            "content/team/bo/index.md": "---\nname: Bo B\ngroups: [Staff]\n---\nBio.\n",
            "content/pages/founders/index.md": '---\ntitle: Founders\n---\n{{< people groups="Founders" >}}\n',
        },
    )
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    cards = html(tmp_path / "out" / "founders" / "index.html").select(".sc-people li")
    assert [(c.find("a").text, c.find("a")["href"]) for c in cards] == [
        ("Al A", "https://2i2c.org/team/al/"),
        ("Zoe Z", "https://2i2c.org/team/zoe/"),
    ]
    assert cards[1].find("p").text == "Engineer"


def test_a_block_shortcode_in_a_list_item_does_not_swallow_the_next_item(tmp_path):
    write(
        tmp_path,
        {
            "content/blog/a/index.md": "---\ntitle: A\ndate: 2022-01-01\ncategories: [x]\n---\n"
            '1. First step\n\n    {{< figure src="https://example.org/a.png" alt="A" >}}\n'
            "2. Second step\n",
        },
    )
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    prose = html(tmp_path / "out" / "blog" / "a" / "index.html").select_one(".prose")
    items = prose.select("ol > li")
    assert [li.get_text(" ", strip=True) for li in items] == ["First step", "Second step"]
    assert items[0].find("figure") is not None and not prose.select("p > figure")


def test_theme_aliases_details_toc_vimeo_and_icon(tmp_path):
    write(
        tmp_path,
        {
            "content/blog/a/index.md": "---\ntitle: A\ndate: 2022-01-01\ncategories: [x]\n---\n"
            "{{< toc >}}\n\n## Part one\n\n{{% alert warning %}}Careful **now**.{{% /alert %}}\n\n"
            '{{< spoiler text="Show answer" >}}It is *42*.{{< /spoiler >}}\n\n'
            '{{< vimeo 1234 >}}\n\nStar us {{< icon name="github" pack="fab" >}} on GitHub.\n',
        },
    )
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    prose = html(tmp_path / "out" / "blog" / "a" / "index.html").select_one(".prose")
    assert prose.select_one(".toc a")["href"] == "#part-one"
    assert prose.select_one(".sc-callout-warning strong").text == "now"
    details = prose.select_one("details.sc-details")
    assert details.find("summary").text == "Show answer" and details.find("em").text == "42"
    assert prose.select_one(".sc-vimeo a")["href"] == "https://vimeo.com/1234"
    assert "Star us  on GitHub." in prose.get_text() or "Star us on GitHub." in prose.get_text()


def test_a_bad_shortcodes_setting_stops_the_build_naming_it(tmp_path):
    write(tmp_path, {"content/blog/a.md": "---\ntitle: A\ndate: 2022-01-01\n---\nA\n"})
    result = build(
        tmp_path / "content", tmp_path / "out", settings={"SHORTCODES": {"folders": ["x"]}}
    )
    assert result.returncode != 0
    assert "shortcodes: unknown SHORTCODES keys ['folders']" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_members_logo_cloud_shows_members_whose_logo_exists(tmp_path):
    write(
        tmp_path,
        {
            "content/data/org_summary.yaml": "- {name: Big Uni, logo_url: x, url: 'https://big.example'}\n"
            "- {name: No Logo Org, logo_url: x}\n- {name: Small Lab, logo_url: x}\n",
            "content/pages/members/index.md": "---\ntitle: Members\n---\n{{< members-logo-cloud >}}\n",
            "content/pages/members/images/big_uni.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "content/pages/members/images/small_lab.png": b"png",
        },
    )
    result = build(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    items = html(tmp_path / "out" / "members" / "index.html").select(".sc-logo-cloud li")
    assert [li.get_text(strip=True) for li in items] == ["Big Uni", "Small Lab"]
    assert items[0].find("a")["href"] == "https://big.example"
    assert items[1].find("img")["src"].endswith("/members/images/small_lab.png")
    assert (tmp_path / "out" / "members" / "images" / "small_lab.png").exists()
    assert "members-logo-cloud" not in result.stdout + result.stderr


def test_one_shortcodes_markdown_does_not_reach_the_next(tmp_path):
    """Inner Markdown is converted by one kept converter: references and footnotes stay in their shortcode."""
    write(
        tmp_path,
        {
            "content/blog/a/index.md": "---\ntitle: A\ndate: 2022-01-01\n---\n"
            "{{% callout note %}}\nFirst.[^1]\n\n[^1]: First note.\n\n[ref]: https://example.org/\n"
            "{{% /callout %}}\n\n"
            "{{% callout tip %}}\nSecond [uses][ref].[^1]\n\n[^1]: Second note.\n{{% /callout %}}\n",
        },
    )
    build(tmp_path / "content", tmp_path / "out", check=True)
    prose = html(tmp_path / "out" / "blog" / "a" / "index.html").select_one(".prose")
    tip = prose.select_one(".sc-callout-tip")
    assert "[uses][ref]" in tip.get_text() and not tip.find("a", href="https://example.org/")
    assert [li.get_text(" ", strip=True)[:12] for li in tip.select(".footnote li")] == [
        "Second note."
    ]
    assert [
        li.get_text(" ", strip=True)[:11]
        for li in prose.select_one(".sc-callout-note").select(".footnote li")
    ] == ["First note."]


def test_param_reads_the_page_then_the_site_params_and_fails_on_a_missing_key(tmp_path):
    """Hugo's .Page.Param: front matter, its params: map, then the site's parameters; dotted keys."""
    write(
        tmp_path,
        {
            "content/data/params.yaml": "github_repo: https://github.com/example/handbook\nLinks: {chat: https://chat.example}\n",
            "content/pages/docs.md": "---\ntitle: Docs\nversion: '2.1'\nparams: {colour: red}\n---\n"
            'Version {{< param version >}}, colour {{< param "colour" >}}, '
            "source {{< param github_repo >}}, chat {{< param links.chat >}}.\n",
        },
    )
    build(tmp_path / "content", tmp_path / "out", check=True)
    text = (
        html(tmp_path / "out" / "docs" / "index.html")
        .select_one(".prose")
        .get_text(" ", strip=True)
    )
    assert (
        text
        == "Version 2.1, colour red, source https://github.com/example/handbook, chat https://chat.example."
    )

    write(
        tmp_path,
        {
            "content/pages/docs.md": "---\ntitle: Docs\n---\nIntro.\n\nSource: {{% param github_repository %}}\n"
        },
    )
    result = build(tmp_path / "content", tmp_path / "out2")
    assert result.returncode == 1
    assert re.search(
        r"docs\.md:6: shortcode param: no parameter 'github_repository' in the page's front matter",
        re.sub(r"\s+", " ", result.stderr),
    ), result.stderr[-1500:]


def test_docsy_alert_pageinfo_and_hugo_blox_staticref(tmp_path):
    write(
        tmp_path,
        {
            "content/static/uploads/cv.pdf": b"%PDF",
            "content/pages/docs.md": "---\ntitle: Docs\n---\n"
            '{{% pageinfo color="primary" %}}\nThis page is a *draft*.\n{{% /pageinfo %}}\n\n'
            '{{% alert title="Danger **ahead**" color="danger" %}}\nDo not run this.\n{{% /alert %}}\n\n'
            "{{% alert %}}\nPlain note.\n{{% /alert %}}\n\n"
            'Here is my {{< staticref "uploads/cv.pdf" "newtab" >}} résumé {{< /staticref >}}, '
            'or {{% staticref "/uploads/cv.pdf" %}}*the same*{{% /staticref %}}.\n',
        },
    )
    build(tmp_path / "content", tmp_path / "out", check=True)
    prose = html(tmp_path / "out" / "docs" / "index.html").select_one(".prose")
    info = prose.select_one(".sc-pageinfo")
    assert info["role"] == "note" and info.find("em").text == "draft"
    danger = prose.select_one(".sc-callout-danger")
    assert danger["aria-label"] == "Danger ahead"
    assert danger.select_one(".sc-callout-title strong strong").text == "ahead"
    assert danger.find_all("p")[-1].text == "Do not run this."
    plain = prose.select_one(".sc-callout-note")
    assert plain["aria-label"] == "Note" and not plain.select(".sc-callout-title")
    links = prose.select("a[href$='/uploads/cv.pdf']")
    assert [
        (
            a.get("target"),
            a.contents[0].strip() if isinstance(a.contents[0], str) else a.contents[0].name,
        )
        for a in links
    ] == [("_blank", "résumé"), (None, "em")]
    assert links[0].select_one(".visually-hidden").text == " (opens in a new tab)"


def test_docsy_imgproc_shows_the_bundle_file_matching_its_name(tmp_path):
    write(
        tmp_path,
        {
            "content/blog/first/index.md": "---\ntitle: First\ndate: 2022-01-01\n---\n"
            '{{< imgproc sunset Crop "500x300" >}}\nA *red* sky\n{{< /imgproc >}}\n',
            "content/blog/first/featured-sunset-35157036.jpg": b"jpg",
            "content/blog/first/other.jpg": b"jpg",
        },
    )
    build(tmp_path / "content", tmp_path / "out", check=True)
    figure = html(tmp_path / "out" / "blog" / "first" / "index.html").select_one(".prose figure")
    assert figure.find("img")["src"] == "featured-sunset-35157036.jpg"
    assert (tmp_path / "out" / "blog" / "first" / "featured-sunset-35157036.jpg").exists()
    assert figure.find("img")["alt"] == "A red sky"
    assert figure.find("figcaption").find("em").text == "red"

    write(
        tmp_path,
        {
            "content/blog/first/index.md": "---\ntitle: First\ndate: 2022-01-01\n---\n"
            '{{< imgproc moon Fill "10x10" >}}{{< /imgproc >}}\n'
        },
    )
    result = build(tmp_path / "content", tmp_path / "out2")
    assert result.returncode == 1
    assert (
        "first/index.md:5: shortcode imgproc: no file named like 'moon' beside index.md"
        in result.stderr
    )
