"""/team/, person pages, and post authors matched to people (fixture: tests/fixtures/team)."""

import json
import os
import re
import shutil
import subprocess
import sys

import feedparser
import pytest
from sitetest import FIXTURES, HUGO_SAMPLE, ROOT, build, html, problem_lines, write

CONTENT = FIXTURES / "team" / "content"


@pytest.fixture
def out(team_site):
    return team_site


def group_listing(page):
    return [
        (
            section.h2.get_text(strip=True),
            [a.get_text(strip=True) for a in section.select(".person-name a")],
        )
        for section in page.select("section.people-group")
    ]


def test_groups_in_configured_order_people_sorted_by_name(out):
    # pelicanconf: group_order = Steering Council, Open Engineering Team, Founders; others follow
    assert group_listing(html(out / "team/index.html")) == [
        ("Steering Council", ["Alice Zhang", "Bob Adams", "Chris Holdgraf"]),
        ("Open Engineering Team", ["Bob Adams", "Damián Ávila"]),
        ("Founders", ["Chris Holdgraf", "Yuvi Panda"]),
        ("Team", ["Carol Ng"]),  # no groups: the default group
    ]


def test_team_intro_from_team_index_file(out):
    page = html(out / "team/index.html")
    assert page.h1.get_text(strip=True) == "Our people"
    assert (
        page.select_one(".team .prose").get_text(strip=True)
        == "The people who run the organization."
    )
    assert not (out / "team/index/index.html").exists()


def test_avatar_image_with_alt_or_initials(out):
    page = html(out / "team/index.html")
    cards = {card.h3.get_text(strip=True): card for card in page.select(".person-card")}
    img = cards["Chris Holdgraf"].find("img")
    assert img["alt"] == "Portrait of Chris Holdgraf"
    assert img["src"] == "https://2i2c.org/team/chris-holdgraf/portrait.svg"
    assert (out / "team/chris-holdgraf/portrait.svg").read_bytes() == (
        CONTENT / "team/chris-holdgraf/portrait.svg"
    ).read_bytes()
    # a Hugo bundle's avatar.* is found without an 'avatar:' key
    assert cards["Yuvi Panda"].find("img")["src"].endswith("/team/yuvi-panda/avatar.svg")
    assert cards["Damián Ávila"].find("img") is None
    assert cards["Damián Ávila"].select_one(".avatar-initials").get_text(strip=True) == "DÁ"
    assert cards["Alice Zhang"].select_one(".avatar-initials").get_text(strip=True) == "AZ"


@pytest.mark.parametrize(
    "slug, titles",
    [
        ("chris-holdgraf", ["Second post", "First post"]),  # 'chris-holdgraf' and 'chris holdgraf'
        ("damian-avila", ["Second post", "Third post"]),  # 'Damián avila' and 'DAMIAN AVILA'
        (
            "yuvi-panda",
            ["Third post"],
        ),  # 'Yuvi Panda' names a Hugo-shaped file (title, user_groups)
        ("alice-zhang", []),
    ],
)
def test_person_page_lists_their_posts_newest_first(out, slug, titles):
    page = html(out / f"team/{slug}/index.html")
    posts = page.select(".person-posts li a")
    assert [a.get_text(strip=True) for a in posts] == titles
    dates = [t["datetime"] for t in page.select(".person-posts time")]
    assert dates == sorted(dates, reverse=True)


def test_matched_authors_link_to_their_person_page(out):
    # written 'chris holdgraf' and 'Damián avila'
    byline = html(out / "blog/second-post/index.html").select(".meta a")
    assert [(a.get_text(strip=True), a["href"]) for a in byline] == [
        ("Chris Holdgraf", "https://2i2c.org/team/chris-holdgraf/"),
        ("Damián Ávila", "https://2i2c.org/team/damian-avila/"),
    ]
    # written 'DAMIAN AVILA' and 'Yuvi Panda'
    byline = html(out / "blog/third-post/index.html").select(".meta a")
    assert [a["href"] for a in byline] == [
        "https://2i2c.org/team/damian-avila/",
        "https://2i2c.org/team/yuvi-panda/",
    ]
    feed = feedparser.parse((out / "blog/atom.xml").read_text())
    assert {entry.title: entry.author for entry in feed.entries} == {
        "First post": "Chris Holdgraf",
        "Second post": "Chris Holdgraf, Damián Ávila",
        "Third post": "Damián Ávila, Yuvi Panda",
    }


@pytest.mark.parametrize(
    "old, slug",
    [
        ("author/chris-holdgraf", "chris-holdgraf"),
        ("author/damian-avila", "damian-avila"),
        ("author/yuvi-panda", "yuvi-panda"),
        ("author/alice-zhang", "alice-zhang"),
        ("people/alice", "alice-zhang"),  # a person's own 'aliases'
    ],
)
def test_old_paths_redirect_to_person_pages(out, old, slug):
    page = html(out / old / "index.html")
    target = f"https://2i2c.org/team/{slug}/"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert page.find("link", rel="canonical")["href"] == target
    assert page.find("a")["href"] == target


def test_person_page_fields_and_social_links(out):
    page = html(out / "team/chris-holdgraf/index.html")
    assert page.h1.get_text(strip=True) == "Chris Holdgraf"
    assert page.select_one(".person-pronouns").get_text(strip=True) == "Pronouns: he/him"
    assert page.select_one(".person-role").get_text(strip=True) == "Executive Director"
    assert [(a.get_text(strip=True), a["href"]) for a in page.select(".person-orgs a")] == [
        ("2i2c", "https://2i2c.org"),
        ("Project Jupyter", "https://jupyter.org"),
    ]
    links = [(a["aria-label"], a["href"]) for a in page.select(".person-links a")]
    assert links == [
        ("Chris Holdgraf: Email", "mailto:choldgraf@example.org"),
        ("Chris Holdgraf: GitHub", "https://github.com/choldgraf"),
        ("Chris Holdgraf: Website", "https://chrisholdgraf.com"),
    ]
    assert (
        page.select_one(".person-bio").get_text(strip=True)
        == "Chris leads the organization day to day."
    )
    assert (
        page.find("meta", property="og:image")["content"]
        == "https://2i2c.org/team/chris-holdgraf/portrait.svg"
    )
    # Hugo's list of {icon, link} pairs, mapped by icon name
    hugo = html(out / "team/yuvi-panda/index.html")
    assert [(a.get_text(strip=True), a["href"]) for a in hugo.select(".person-links a")] == [
        ("Email", "mailto:yuvi@example.org"),
        ("GitHub", "https://github.com/yuvipanda"),
        ("X (Twitter)", "https://twitter.com/yuvipanda"),
    ]


def jsonld(page):
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_person_jsonld(out):
    data = jsonld(html(out / "team/chris-holdgraf/index.html"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Chris Holdgraf",
        "url": "https://2i2c.org/team/chris-holdgraf/",
        "jobTitle": "Executive Director",
        "image": "https://2i2c.org/team/chris-holdgraf/portrait.svg",
        "sameAs": ["https://github.com/choldgraf", "https://chrisholdgraf.com"],
        "worksFor": [
            {"@type": "Organization", "name": "2i2c", "url": "https://2i2c.org"},
            {"@type": "Organization", "name": "Project Jupyter", "url": "https://jupyter.org"},
        ],
    }


def test_jsonld_cannot_close_its_script_element(out):
    text = (out / "team/bob-adams/index.html").read_text()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block
    assert (
        json.loads(block)["jobTitle"]
        == "Director of Engineering </script><script>alert(1)</script>"
    )
    page = html(out / "team/bob-adams/index.html")
    assert [
        s.get("type") for s in page.find_all("script") if "/theme/js/" not in s.get("src", "")
    ] == ["application/ld+json"]


# --- problems -------------------------------------------------------------


def unknown_author_site(tmp_path):
    content = tmp_path / "content"
    write(content, "team/alice.md", "---\nname: Alice Zhang\n---\nBio.\n")
    write(
        content,
        "blog/p.md",
        "---\ntitle: P\ndate: 2024-01-01\nauthors:\n  - alice zhang\n  - Jane Doe\n---\nx\n",
    )
    return content


def test_unknown_author_is_a_warning_in_previews(tmp_path):
    content = unknown_author_site(tmp_path)
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(tmp_path / "out"),
    ]
    result = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, COLUMNS="1000")
    )
    assert result.returncode == 0, result.stderr
    messages = re.findall(r"^warning: (.*)$", result.stderr, re.M)
    assert messages == [
        f"{content}/blog/p.md:4: author 'Jane Doe' has no person file in {content}/team/; add {content}/team/jane-doe.md"
    ]
    assert (tmp_path / "out/team/alice/index.html").exists()


def test_unknown_author_is_an_error_under_strict_authors(tmp_path):
    content = unknown_author_site(tmp_path)
    result = build(content, tmp_path / "out", settings={"PEOPLE": {"strict_authors": True}})
    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/blog/p.md:4: author 'Jane Doe' has no person file in {content}/team/; add {content}/team/jane-doe.md"
    ]


def test_bad_person_files_fail_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    write(content, "team/noname.md", "---\nrole: Engineer\n---\nBio.\n")
    write(
        content,
        "team/remote.md",
        "---\nname: Rem Ote\nrole: Engineer\navatar: https://example.org/me.jpg\n---\n",
    )
    write(
        content,
        "team/lost/index.md",
        "---\nname: Lost Image\nsocial:\n  github: ftp://x\navatar: me.png\n---\n",
    )
    write(content, "team/twins.md", "---\nname: Rem Ote\n---\n")
    result = build(content, tmp_path / "out", conf="pelicanconf.py")
    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/team/lost/index.md:3: social link 'github' must start with https:// or be a site path like "
        "/files/cv.pdf, got 'ftp://x'",
        f"{content}/team/lost/index.md:5: avatar file 'me.png' not found beside index.md",
        f"{content}/team/noname.md:1: missing 'name': add 'name: Full Name' to the front matter",
        f"{content}/team/remote.md:4: avatar must be a file beside the person file or a site path like /images/people/x.jpg (nothing is loaded from other hosts)",
        f"{content}/team/twins.md:1: 'rem-ote' also names {content}/team/remote.md; give one of them a different slug or name",
    ]


def test_hugo_author_files_load_as_they_are(tmp_path):
    """2i2c's Hugo author bundles (title, user_groups, icon/link pairs, avatar beside _index.md), unedited."""
    content = tmp_path / "content"
    shutil.copytree(HUGO_SAMPLE / "content" / "authors", content / "team")
    write(
        content,
        "blog/p.md",
        "---\ntitle: P\ndate: 2024-01-01\nauthors: [admin, Damián Avila, fernando perez]\n---\nx\n",
    )
    out = tmp_path / "out"
    build(content, out, check=True)
    folders = sorted(p for p in (content / "team").iterdir() if (p / "_index.md").exists())
    assert len(folders) == 18
    for folder in folders:
        title = re.search(
            r'^title: *"?(.*?)"?\s*$', (folder / "_index.md").read_text(), re.M
        ).group(1)
        page = html(out / "team" / folder.name / "index.html")
        assert page.h1.get_text(strip=True) == title
        avatar = next(folder.glob("avatar.*"))
        assert (
            page.select_one("img.avatar")["src"]
            == f"https://2i2c.org/team/{folder.name}/{avatar.name}"
        )
        assert (out / "team" / folder.name / avatar.name).read_bytes() == avatar.read_bytes()
    byline = html(out / "blog/p/index.html").select(".meta a")
    assert [(a.get_text(strip=True), a["href"]) for a in byline] == [
        ("2i2c", "https://2i2c.org/team/admin/"),
        ("Damián Avila", "https://2i2c.org/team/damian-avila/"),
        ("Fernando Pérez", "https://2i2c.org/team/fernando-perez/"),
    ]


def test_every_author_of_the_project_has_a_person_file(tmp_path):
    """What CI enforces: the site's own posts build with strict_authors on."""
    result = build(
        ROOT / "content", tmp_path / "out", settings={"PEOPLE": {"strict_authors": True}}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/team/index.html").exists()


@pytest.mark.parametrize(
    "settings, message",
    [
        (
            {"PEOPLE": {"group_order": "Founders"}},
            "people: PEOPLE['group_order'] must be a list of group names",
        ),
        ({"PEOPLE": {"strict": True}}, "people: unknown PEOPLE keys ['strict']"),
        (
            {"CAREERS": {"redirects": ["careers"]}},
            "careers: CAREERS['redirects'] must be a list of site paths like '/careers/'",
        ),
    ],
)
def test_bad_settings_stop_the_build_naming_the_plugin(tmp_path, settings, message):
    content = tmp_path / "content"
    write(content, "team/a.md", "---\nname: A\n---\n")
    result = build(content, tmp_path / "out", settings=settings)
    assert result.returncode == 1
    assert message in " ".join((result.stdout + result.stderr).split())
    assert not (tmp_path / "out").exists()
