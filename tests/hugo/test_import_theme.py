"""import-hugo carries what a Hugo site's theme and configuration give its pages: shortcode
templates (the site's over its theme's, stand-ins for the rest), the main menu from every place
Hugo reads it, site params, and Hugo Blox's site-relative social links."""

import os
import re
import shutil
import textwrap

import pytest
import yaml
from sitetest import build, html, problem_lines, warning_lines
from sitetest import write as write_file

from commands.hugo_import import import_site
from commands.hugo_import.theme import template_folders


def write(root, files):
    for rel, data in files.items():
        write_file(
            root, rel, data if isinstance(data, bytes) else textwrap.dedent(data).lstrip("\n")
        )
    return root


def built(content, out):
    (content / "jobs").mkdir(exist_ok=True)
    return build(content, out)


THEMED = {
    "config.toml": """
        baseURL = "https://example.org/"
        theme = "harbour"
        [module]
        [[module.imports]]
        path = "example.org/lighthouse"
        [[module.imports]]
        path = "example.org/fetched-at-build-time"
        """,
    "themes/harbour/layouts/shortcodes/rule.html": '<hr class="rule">\n',
    "themes/harbour/layouts/shortcodes/badge.html": '<span class="badge-of-theme">theme</span>',
    "themes/harbour/layouts/shortcodes/unused.html": '<p class="unused">never used</p>',
    "themes/harbour/layouts/_shortcodes/tide.html": '<div class="tide tide-{{ .Get 0 }}">{{ .Inner | markdownify }}</div>\n',
    "_vendor/example.org/lighthouse/layouts/shortcodes/beam.html": '<span class="beam">*</span>',
    "layouts/shortcodes/badge.html": '<span class="badge-of-site">site</span>',
    "content/notes.md": """
        ---
        title: Harbour notes
        ---

        Before the rule.

        {{< rule >}}

        Flags: {{< badge >}} and {{< beam >}}.

        {{% tide high %}}
        Boats wait for **high water**.
        {{% /tide %}}

        {{< ferry >}}<em>Leaves</em> at nine{{< /ferry >}}

        {{< ferry />}}

        After the ferry.
        """,
}


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    root = tmp_path_factory.mktemp("themed")
    write(root / "hugo", THEMED)
    report = import_site(root / "hugo", root / "content")
    result = built(root / "content", root / "out")
    return root, report, result


def test_theme_and_vendored_module_shortcodes_are_carried_the_sites_own_winning(themed):
    root, report, result = themed
    shortcodes = root / "content" / "shortcodes"
    assert sorted(p.name for p in shortcodes.iterdir()) == [
        "badge.html",
        "beam.html",
        "ferry.html",
        "rule.html",
        "tide.html",
    ]
    assert report.carried == ["badge", "beam", "rule"]
    assert result.returncode == 0, result.stdout + result.stderr
    prose = html(root / "out" / "notes" / "index.html").select_one(".prose")
    rule = prose.select_one("hr.rule")
    assert rule.find_previous_sibling("p").text == "Before the rule."
    assert prose.select_one(".badge-of-site").text == "site" and not prose.select(".badge-of-theme")
    assert prose.select_one(".beam").text == "*"
    assert not prose.select(".unused")


def test_shortcodes_nothing_here_renders_show_their_inner_text_and_warn_at_each_use(themed):
    root, report, result = themed
    assert report.stand_ins == {"ferry": 2, "tide": 1}
    assert result.returncode == 0, result.stdout + result.stderr
    notes = root / "content" / "pages" / "notes.md"
    assert sorted(
        line for line in warning_lines(result, root / "content") if "shortcode" in line
    ) == [
        f"{notes}:11: shortcode tide came from the Hugo theme and has no template here yet: its inner text is shown "
        "as is; write content/shortcodes/tide.html",
        f"{notes}:15: shortcode ferry came from the Hugo theme and has no template here yet: its inner text is shown "
        "as is; write content/shortcodes/ferry.html",
        f"{notes}:17: shortcode ferry came from the Hugo theme and has no template here yet: its inner text is shown "
        "as is; write content/shortcodes/ferry.html",
    ]
    prose = html(root / "out" / "notes" / "index.html").select_one(".prose")
    assert prose.find("strong").text == "high water"  # {{% %}}: its inner text as Markdown
    assert prose.find("em").text == "Leaves"  # {{< >}}: as written
    texts = [p.get_text(" ", strip=True) for p in prose.find_all("p")]
    assert (
        texts[-1] == "After the ferry." and "" not in texts
    )  # the one without inner text shows nothing
    assert "{{" not in prose.decode()
    # the stand-in keeps the Hugo template beside it, for whoever writes ours
    assert (
        "{{ .Inner | markdownify }}" in (root / "content" / "shortcodes" / "tide.html").read_text()
    )


def test_the_summary_lists_stand_ins_with_their_uses_and_the_missing_module(themed):
    root, report, _result = themed
    lines = "\n".join(report.lines(root / "hugo", root / "content"))
    assert (
        "stand-ins that show their inner text and warn at each use (uses): ferry (2), tide (1)"
        in lines
    )
    assert (
        "themes or modules not in the source" in lines
        and "example.org/fetched-at-build-time" in lines
    )


def test_our_own_unknown_shortcode_is_still_an_error(themed, tmp_path):
    root, _report, _result = themed
    content = tmp_path / "content"
    shutil.copytree(root / "content", content)
    write(
        content,
        {
            "pages/ours.md": "---\ntitle: Ours\n---\n\nA {{< nosuch >}} here.\n",
            "pages/also-ours.md": "---\ntitle: Also ours\n---\n\nA {{< ferry >}} here.\n",
        },
    )
    result = built(content, tmp_path / "out")
    assert result.returncode == 1
    problems = problem_lines(result, content)
    assert len(problems) == 1 and problems[0].startswith(
        f"{content}/pages/ours.md:5: shortcode nosuch: unknown shortcode"
    )
    # a name the import wrote a stand-in for is a warning wherever it is used
    assert any(
        line.startswith(f"{content}/pages/also-ours.md:5: shortcode ferry came from the Hugo theme")
        for line in warning_lines(result, content)
    )


def test_the_sites_own_template_with_logic_gets_a_stand_in_naming_it(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "layouts/shortcodes/tally.html": '<b>{{ len (where site.RegularPages "Section" "boats") }}</b>',
            "layouts/shortcodes/spare.html": "{{ .Get 0 }}",
            "content/boats.md": "---\ntitle: Boats\n---\nWe have {{< tally >}} boats.\n",
        },
    )
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert report.stand_ins == {"tally": 1} and report.need_handler == ["spare"]
    result = built(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert warning_lines(result, tmp_path / "content") == [
        f"{tmp_path}/content/pages/boats.md:4: shortcode tally came from the Hugo site's layouts/shortcodes and has "
        "no template here yet: its inner text is shown as is; write content/shortcodes/tally.html"
    ]
    assert (
        html(tmp_path / "out" / "boats" / "index.html").select_one(".prose p").text
        == "We have  boats."
    )


def test_a_stand_in_replaced_by_hand_is_kept_by_the_next_import(tmp_path):
    write(
        tmp_path / "hugo",
        {"content/notes.md": "---\ntitle: Notes\n---\n{{< ferry >}}Nine{{< /ferry >}}\n"},
    )
    dest = tmp_path / "content"
    import_site(tmp_path / "hugo", dest)
    mine = '<p class="ferry">Ferry: {{ inner }}</p>\n'
    (dest / "shortcodes" / "ferry.html").write_text(mine)
    again = import_site(tmp_path / "hugo", dest)
    assert not again.stopped and not again.refused and not again.gone
    assert (dest / "shortcodes" / "ferry.html").read_text() == mine
    assert again.stand_ins == {} and "ferry" in again.covered
    result = built(dest, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        html(tmp_path / "out" / "notes" / "index.html").select_one("p.ferry").text == "Ferry: Nine"
    )
    assert not [line for line in warning_lines(result, dest) if "shortcode" in line]


@pytest.mark.parametrize(
    "files, expected",
    [
        # a go.mod replace to a local folder, as a theme's exampleSite has it
        (
            {
                "site/config.toml": 'theme = ["github.com/example/anchor"]\n',
                "site/go.mod": "module x\n\nreplace github.com/example/anchor => ../\n",
                "layouts/shortcodes/a.html": "a",
            },
            ["."],
        ),
        # themesDir, and two themes: the first listed wins
        (
            {
                "site/config.toml": 'theme = ["keel", "hull"]\nthemesDir = "../vendor-themes"\n',
                "vendor-themes/keel/layouts/shortcodes/a.html": "a",
                "vendor-themes/hull/layouts/shortcodes/a.html": "a",
            },
            ["vendor-themes/keel", "vendor-themes/hull"],
        ),
        # a theme's own theme comes after it
        (
            {
                "site/config.toml": 'theme = "mast"\n',
                "site/themes/mast/config.toml": 'theme = "sail"\n',
                "site/themes/mast/layouts/shortcodes/a.html": "a",
                "site/themes/sail/layouts/shortcodes/b.html": "b",
            },
            ["site/themes/mast", "site/themes/sail"],
        ),
    ],
)
def test_themes_are_found_where_hugo_finds_them(tmp_path, files, expected):
    write(tmp_path, files)
    from commands.hugo_import.config import read_config

    source = tmp_path / "site"
    _site, themes, missing = template_folders(str(source), read_config(str(source))[0])
    assert [os.path.relpath(root, tmp_path) for root, _folders in themes] == expected
    assert missing == []


def test_a_theme_not_in_the_source_is_reported(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "config.toml": 'theme = "rudder"\n',
            "content/a.md": "---\ntitle: A\n---\n{{< gauge >}}\n",
        },
    )
    (tmp_path / "hugo" / "themes" / "rudder").mkdir(parents=True)  # a submodule not checked out
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert report.themes_missing == ["rudder"] and report.stand_ins == {"gauge": 1}


MENU_SITE = {
    "config.toml": """
        baseURL = "https://example.org/"
        sectionPagesMenu = "main"

        [[menu.main]]
        identifier = "visit"
        name = "Visit"
        weight = 20

        [[menu.main]]
        name = "Ferries"
        url = "/posts/ferry-times/"
        parent = "visit"
        weight = 2

        [[menu.main]]
        name = "Tide tables"
        url = "https://tides.example.org/"
        parent = "visit"
        weight = 1

        [[menu.main]]
        name = "Harbour map"
        pageRef = "/map"
        weight = 30

        [[menu.main]]
        name = "Write to us"
        url = "/contact/"
        weight = 50

        [[menu.main]]
        name = "Shop"
        url = "/shop/"

        [[menu.main]]
        name = "Chandlery"
        url = "https://chandlery.example.org/"
        parent = "Shop"
        """,
    "content/posts/ferry-times.md": "---\ntitle: Ferry times\ndate: 2024-04-02\n---\nBoats leave at nine.\n",
    "content/posts/market-day.md": "---\ntitle: Market day\ndate: 2024-05-04\nmenu:\n  main:\n    name: Market\n"
    "    parent: visit\n    weight: 3\n---\nStalls open at dawn.\n",
    "content/about.md": "---\ntitle: About the harbour\nweight: 5\nmenu: main\n---\nA small harbour.\n",
    "content/map.md": "---\ntitle: Harbour map\n---\nThe map.\n",
    "content/shop.md": "---\ntitle: Shop\n---\nRope and paint.\n",
    "content/contact.md": "---\ntitle: Contact\nmenu:\n  main:\n    name: Write to us\n---\nWrite.\n",
    "content/draft.md": "---\ntitle: Draft\ndraft: true\nmenu: main\n---\nNot yet.\n",
    "content/events/_index.md": '---\ntitle: "What\'s on"\nweight: 40\n---\nEvents.\n',
    "content/events/regatta.md": "---\ntitle: Regatta\ndate: 2024-06-01\n---\nBoats race.\n",
}
# What Hugo 0.168 shows for MENU_SITE (.Site.Menus.main): the posts/ section became our blog,
# so its pages are linked at their addresses here.
HUGO_MENU = [
    {"name": "About the harbour", "url": "/about/"},
    {
        "name": "Visit",
        "children": [
            {"name": "Tide tables", "url": "https://tides.example.org/"},
            {"name": "Ferries", "url": "/blog/ferry-times/"},
            {"name": "Market", "url": "/blog/market-day/"},
        ],
    },
    {"name": "Harbour map", "url": "/map/"},
    {"name": "What's on", "url": "/events/"},
    {"name": "Write to us", "url": "/contact/"},
    {"name": "Posts", "url": "/blog/"},
    {
        "name": "Shop",
        "url": "/shop/",
        "children": [{"name": "Chandlery", "url": "https://chandlery.example.org/"}],
    },
]


def test_the_main_menu_from_config_sections_and_front_matter_as_hugo_builds_it(tmp_path):
    write(tmp_path / "hugo", MENU_SITE)
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert yaml.safe_load((tmp_path / "content" / "data" / "menu.yaml").read_text()) == HUGO_MENU
    assert report.menu_entries == 11
    result = built(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    nav = html(tmp_path / "out" / "about" / "index.html").select_one(".site-nav .menu")
    top = [li.find(["a", "summary"]).text for li in nav.find_all("li", recursive=False)]
    assert top == [
        "About the harbour",
        "Visit",
        "Harbour map",
        "What's on",
        "Write to us",
        "Posts",
        "Shop",
    ]
    visit = nav.find("summary", string="Visit").find_parent("details")
    assert [(a.text, a["href"]) for a in visit.find_all("a")] == [
        ("Tide tables", "https://tides.example.org/"),
        ("Ferries", "https://2i2c.org/blog/ferry-times/"),
        ("Market", "https://2i2c.org/blog/market-day/"),
    ]


@pytest.mark.parametrize(
    "files",
    [
        {"config.toml": '[[menu.main]]\nname = "Charts"\nurl = "charts/"\n'},
        {"config.toml": '[menu]\nmain = [{name = "Charts", url = "/charts/"}]\n'},
        {"hugo.yaml": "menus:\n  main:\n    - name: Charts\n      url: /charts/\n"},
        {"config/_default/menus.yaml": "main:\n  - name: Charts\n    url: /charts/\n"},
        {"config/_default/menus.toml": '[[main]]\nname = "Charts"\nurl = "/charts/"\n'},
        {
            "config.yaml": "defaultContentLanguage: en\nlanguages:\n  en:\n    menus:\n      main:\n"
            "        - name: Charts\n          url: /charts/\n"
        },
        {
            "content/charts.md": "---\ntitle: Sea charts\nlinkTitle: Charts\nmenus: main\n---\nCharts.\n"
        },
    ],
)
def test_the_menu_is_read_wherever_hugo_reads_it(tmp_path, files):
    write(tmp_path / "hugo", {"content/charts.md": "---\ntitle: Charts\n---\nCharts.\n", **files})
    import_site(tmp_path / "hugo", tmp_path / "content")
    assert yaml.safe_load((tmp_path / "content" / "data" / "menu.yaml").read_text()) == [
        {"name": "Charts", "url": "/charts/"}
    ]


def test_an_anchor_entry_links_to_the_home_page_section_when_the_home_page_has_it(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "config/_default/menus.yaml": "main:\n  - {name: Moorings, url: '#moorings', weight: 1}\n"
            "  - {name: Lighthouse, url: '#lighthouse', weight: 2}\n",
            "content/_index.md": "---\ntitle: Home\nsections:\n  - block: markdown\n    id: moorings\n    content:\n"
            "      title: Where to moor\n      text: Ask at the office.\n---\n",
        },
    )
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert yaml.safe_load((tmp_path / "content" / "data" / "menu.yaml").read_text()) == [
        {"name": "Moorings", "url": "/#moorings"}
    ]
    assert (
        "1 main menu entries linking to a section the imported home page does not have (Lighthouse)"
        in "\n".join(report.lines(tmp_path / "hugo", tmp_path / "content"))
    )
    result = built(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    home = html(tmp_path / "out" / "index.html")
    link = home.select_one(".site-nav a[href$='#moorings']")
    assert link.text == "Moorings" and home.find(id="moorings").h2.text == "Where to moor"


def test_a_site_without_a_main_menu_keeps_the_default_one(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "config.toml": '[[menu.footer]]\nname = "Legal"\nurl = "/legal/"\n',
            "content/legal.md": "---\ntitle: Legal\nmenu: footer\n---\nTerms.\n",
        },
    )
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert not (tmp_path / "content" / "data" / "menu.yaml").exists() and report.menu_entries == 0


def test_site_params_reach_the_param_shortcode(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "config.toml": """
            baseURL = "https://example.org/"
            [params]
            Harbour_Master = "R. Quay"
            berths = 40
            [params.tides]
            spring = "4.2 m"
            """,
            "content/guide/_index.md": "---\ntitle: Guide\nberths: 12\n---\n"
            "Ask {{< param harbour_master >}} about the {{% param berths %}} berths "
            '({{< param "tides.spring" >}} at springs).\n',
        },
    )
    import_site(tmp_path / "hugo", tmp_path / "content")
    assert yaml.safe_load((tmp_path / "content" / "data" / "params.yaml").read_text()) == {
        "harbour_master": "R. Quay",
        "berths": 40,
        "tides": {"spring": "4.2 m"},
    }
    result = built(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    text = html(tmp_path / "out" / "guide" / "index.html").select_one(".prose p").text
    assert (
        text == "Ask R. Quay about the 12 berths (4.2 m at springs)."
    )  # the page's own value first


def test_a_data_file_named_params_is_kept_and_said(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "config.toml": "[params]\nberths = 40\n",
            "data/params.yaml": "berths: 7\n",
            "content/a.md": "---\ntitle: A\n---\nA.\n",
        },
    )
    report = import_site(tmp_path / "hugo", tmp_path / "content")
    assert (tmp_path / "content" / "data" / "params.yaml").read_text() == "berths: 7\n"
    assert [w for w in report.warnings if "params" in w] == [
        f"{tmp_path}/hugo/data/params.yaml:1: a data file named params: the configuration's params are not imported "
        "(the param shortcode reads this file instead)"
    ]


def test_a_hugo_blox_social_link_without_a_scheme_is_a_site_path(tmp_path):
    write(
        tmp_path / "hugo",
        {
            "content/authors/ada/_index.md": """
            ---
            title: Ada Quay
            social:
              - {icon: envelope, icon_pack: fas, link: "mailto:ada@example.org"}
              - {icon: cv, icon_pack: ai, link: files/cv.pdf}
              - {icon: github, icon_pack: fab, link: "https://github.com/ada"}
            ---
            Keeps the harbour log.
            """,
            "static/files/cv.pdf": b"%PDF-1.4\n",
        },
    )
    import_site(tmp_path / "hugo", tmp_path / "content")
    person = yaml.safe_load(
        re.match(
            r"---\n(.*?)\n---\n", (tmp_path / "content/team/ada/index.md").read_text(), re.S
        ).group(1)
    )
    assert person["social"] == {
        "email": "ada@example.org",
        "cv": "/files/cv.pdf",
        "github": "https://github.com/ada",
    }
    result = built(tmp_path / "content", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    hrefs = [
        a["href"] for a in html(tmp_path / "out" / "team" / "ada" / "index.html").select("main a")
    ]
    assert "/files/cv.pdf" in hrefs and (tmp_path / "out" / "files" / "cv.pdf").exists()
