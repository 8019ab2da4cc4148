"""import-hugo keeps Hugo Blox page-builder sections as blocks: a small site, then 2i2c's own."""

import re

import pytest
import yaml
from sitetest import HUGO_SAMPLE, build, html, write

from commands.hugo_import import import_site

SECTIONS = """\
---
title: Harbour
type: landing
sections:
  - block: hero
    content:
      title: Boats for everyone
      text: Rent a **boat**.
      cta:
        label: Rent one
        url: /rent
      cta_alt:
        label: Read more
        url: /about/
    design:
      background:
        image:
          filename: waves.png
  - block: features
    id: why
    content:
      title: Why us
      items:
        - name: Safe
          icon: lifebuoy
          icon_pack: fas
          description: Checked every day.
        - name: Cheap
          description: ""
  - block: slider
    content:
      title: Photos
      text: Boats in the sun. <a href="/rent"><img src="/images/sunny-boat.png" /></a>
  - block: collection
    content:
      title: News
      count: 2
      filters:
        folders: [blog]
      archive:
        enable: true
        text: All news
        link: /blog/
  - block: portfolio
    content:
      title: Partners
      filters:
        folders: [partners]
  - block: markdown
    id: join
    content:
      title: Come aboard
      text: |
        {{< cta cta_text="Book a trip" cta_link="/book" >}}

        Or [write to us](/about/).
---
"""
SITE = {
    "content/_index.md": SECTIONS,
    "content/about/index.md": "---\ntitle: About\n---\nAbout us.\n",
    "content/partners/_index.md": "---\ntitle: Partners\n---\n",
    "content/partners/acme/index.md": "---\ntitle: Acme\n---\nA partner.\n",
    "content/partners/acme/featured.png": b"\x89PNG\r\n\x1a\n",
    "content/blog/one/index.md": "---\ntitle: One\ndate: 2024-01-02\n---\nFirst.\n",
    "content/blog/two/index.md": "---\ntitle: Two\ndate: 2024-02-02\n---\nSecond.\n",
    "content/blog/three/index.md": "---\ntitle: Three\ndate: 2024-03-02\n---\nThird.\n",
    "assets/media/waves.png": b"\x89PNG\r\n\x1a\n",
}


def front(path):
    return yaml.safe_load(
        re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S).group(1)
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("harbour")
    for rel, data in SITE.items():
        write(root / "hugo", rel, data)
    report = import_site(root / "hugo", root / "content")
    return root, report


def test_sections_become_blocks_of_our_types(small):
    root, _report = small
    home = front(root / "content" / "pages" / "index.md")
    assert "sections" not in home and "type" not in home
    assert home["blocks"] == [
        {
            "type": "hero",
            "title": "Boats for everyone",
            "text": "Rent a **boat**.",
            "background": "/media/waves.png",
            "primary_action": {"text": "Rent one", "url": "/rent"},
            "secondary_action": {"text": "Read more", "url": "/about/"},
        },
        {
            "type": "features",
            "id": "why",
            "title": "Why us",
            "items": [{"name": "Safe", "description": "Checked every day."}, {"name": "Cheap"}],
        },
        {
            "type": "markdown",
            "title": "Photos",
            "text": 'Boats in the sun. <a href="/rent"><img alt="sunny boat" src="/images/sunny-boat.png" /></a>',
        },
        {
            "type": "collection",
            "title": "News",
            "count": 2,
            "more": {"text": "All news", "url": "/blog/"},
        },
        {"type": "logos", "title": "Partners", "section": "partners"},
        {
            "type": "cta",
            "id": "join",
            "title": "Come aboard",
            "button": {"text": "Book a trip", "url": "/book"},
            "text": "Or [write to us](/about/).",
        },
    ]


def test_an_unknown_hugo_blox_block_is_a_warning_with_its_line(small):
    root, report = small
    line = SECTIONS.splitlines().index("  - block: slider") + 1
    assert [w for w in report.warnings if "slider" in w] == [
        f"{root / 'hugo' / 'content' / '_index.md'}:{line}: Hugo Blox block 'slider' has no counterpart here: "
        "its title and text are kept as a markdown block"
    ]
    assert [w.split(": ", 1)[1] for w in report.warnings if "alt text" in w] == [
        "image '/images/sunny-boat.png' in a block has no alt text: given alt=\"sunny boat\" from its file name; "
        "check it says what the image shows"
    ]
    assert "page-builder sections: 6 blocks kept as blocks in 1 pages" in "\n".join(
        report.lines("hugo", "content")
    )


def test_the_imported_landing_page_builds(small):
    root, _report = small
    result = build(root / "content", root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(root / "out" / "index.html")
    hero = page.select_one("section.block-hero")
    assert hero.h1.text == "Boats for everyone"
    assert hero.select_one("img.block-hero-background")["src"].endswith("/media/waves.png")
    assert [a.get_text(strip=True) for a in hero.select(".actions a")] == ["Rent one", "Read more"]
    assert [a.get_text(strip=True) for a in page.select(".block-collection .card-title a")] == [
        "Three",
        "Two",
    ]
    assert [a.img["alt"] for a in page.select(".block-logos a")] == ["Acme"]
    assert page.select_one("#join a.button").get_text(strip=True) == "Book a trip"


# --- 2i2c's Hugo site ---------------------------------------------------------------------

LANDING = {
    "home": ("_index.md", "index.md", "index.html"),
    "platform": ("platform/_index.md", "platform/index.md", "platform/index.html"),
    "membership": ("membership/_index.md", "membership/index.md", "membership/index.html"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    import_site(HUGO_SAMPLE, root / "content")
    result = build(root / "content", root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def hugo_sections(rel):
    text = (HUGO_SAMPLE / "content" / rel).read_text(encoding="utf-8")
    return yaml.safe_load(re.match(r"---\n(.*?)\n---", text, re.S).group(1))["sections"]


@pytest.mark.parametrize("name", LANDING)
def test_every_section_of_the_sample_is_a_block_with_its_title(sample, name):
    source, ours, _built = LANDING[name]
    sections = hugo_sections(source)
    blocks = front(sample / "content" / "pages" / ours)["blocks"]
    assert [b.get("title") for b in blocks] == [
        (s.get("content") or {}).get("title") for s in sections
    ]
    assert [b.get("id") for b in blocks] == [s.get("id") for s in sections]


@pytest.mark.parametrize("name", LANDING)
def test_the_built_sample_page_shows_every_block_title(sample, name):
    source, _ours, built = LANDING[name]
    page = html(sample / "out" / built)
    shown = [
        h.get_text(strip=True)
        for h in page.select(".landing > section > :is(h1, h2), .landing section .wrap :is(h1, h2)")
    ]
    wanted = [(s.get("content") or {}).get("title") for s in hugo_sections(source)]
    assert [t for t in shown if t in wanted] == [t for t in wanted if t]


def test_the_sample_home_hero_keeps_its_title_text_and_actions(sample):
    hero = hugo_sections("_index.md")[0]["content"]
    page = html(sample / "out" / "index.html")
    block = page.select_one(".landing > section.block-hero")
    assert block.h1.get_text(strip=True) == hero["title"]
    # the site's Markdown makes typographic apostrophes (smarty), in blocks as in bodies
    assert (
        block.select_one(".lead").get_text(strip=True).replace("\u2019", "'")
        == hero["text"].strip()
    )
    assert [
        (a.get_text(strip=True), a["href"].split("2i2c.org", 1)[-1])
        for a in block.select(".actions a")
    ] == [
        (hero["cta"]["label"], hero["cta"]["url"]),
        (hero["cta_alt"]["label"], hero["cta_alt"]["url"]),
    ]
    background = hugo_sections("_index.md")[0]["design"]["background"]["image"]["filename"]
    assert block.select_one("img.block-hero-background")["src"].endswith("/media/" + background)


def test_the_sample_features_are_grids_of_their_items(sample):
    for source, built in (
        ("_index.md", "index.html"),
        ("membership/_index.md", "membership/index.html"),
    ):
        wanted = [
            [i["name"] for i in s["content"]["items"]]
            for s in hugo_sections(source)
            if s["block"] == "features"
        ]
        page = html(sample / "out" / built)
        assert [
            [h.get_text(strip=True) for h in ul.select("li h3")]
            for ul in page.select("ul.features")
        ] == wanted
