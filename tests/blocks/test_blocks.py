"""Landing pages from front matter blocks: the fixture site built with the publish settings."""

import textwrap
from itertools import pairwise

import pytest
from sitetest import FIXTURES, build, html, problem_lines, write

CONTENT = FIXTURES / "blocks" / "content"
SITE = "https://2i2c.org"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("blocks") / "out"
    result = build(CONTENT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result


@pytest.fixture(scope="module")
def home(built):
    return html(built[0] / "index.html")


def section(page, title):
    heading = next(
        h for h in page.select(".landing h2, .landing h1") if h.get_text(strip=True) == title
    )
    return heading.find_parent("section")


def test_hero_has_the_title_text_image_and_both_actions(home):
    hero = home.select_one(".landing > section.block-hero")
    assert hero is home.select_one(".landing > section") and hero["id"] == "welcome"
    assert [h.get_text(strip=True) for h in home.select("h1")] == [
        "Shared computing for coastal research"
    ]
    assert hero.select_one(".lead strong").text == "open"
    assert [(a.get_text(strip=True), a["href"]) for a in hero.select(".actions a")] == [
        ("How membership works", f"{SITE}/membership/"),
        ("Read the blog", f"{SITE}/blog/"),
    ]
    image = hero.select_one("img")
    assert image["src"] == f"{SITE}/media/hero.svg" and image["alt"] == "A lighthouse above waves"


def test_features_are_a_list_of_named_items_with_markdown_descriptions(home):
    features = section(home, "Why work with us")
    assert features["id"] == "why" and features.select_one(".block-subtitle em").text == "short"
    items = features.select("ul.features > li")
    assert [li.h3.get_text(strip=True) for li in items] == [
        "No lock-in",
        "Open source",
        "Shared learning",
    ]
    assert items[0].select_one(".feature-text a")["href"] == f"{SITE}/membership/"
    assert not items[0].select("img") and items[1].img["alt"] == "An open padlock"


def test_markdown_block_goes_through_shortcodes(home):
    block = section(home, "What a hub is")
    assert block.select_one(".block-subtitle").text == "A cloud workspace for a community."
    assert block.select_one(".prose p").text == "A hub gives each member the same tools."
    assert block.select_one(".sc-callout").get_text(strip=True) == "Hubs start in a day."
    assert "{{" not in block.text


def test_collection_shows_the_newest_posts_as_cards(home):
    block = section(home, "Recent work")
    titles = [a.get_text(strip=True) for a in block.select("article.card .card-title a")]
    assert titles == ["The third post", "The second post"]
    assert block.select_one(".card-title").name == "h3"
    assert block.select_one(".more a")["href"] == f"{SITE}/blog/"


def test_logos_from_items_and_from_a_section(home):
    listed = section(home, "Who we work with").select("ul.logos > li")
    assert [li.img["alt"] for li in listed] == ["Acme Institute", "Globex University"]
    assert listed[0].a["href"] == "https://acme.example.org/" and listed[1].a is None
    partners = section(home, "Partners").select("ul.logos a")
    assert [(a["href"], a.img["alt"], a.img["src"]) for a in partners] == [
        (f"{SITE}/partners/acme/", "Acme partner", f"{SITE}/partners/acme/logo.svg"),
        (f"{SITE}/partners/globex/", "Globex partner", f"{SITE}/partners/globex/logo.svg"),
    ]


def test_cta_is_a_band_with_a_button_link(home):
    cta = section(home, "Ready to start?")
    assert "block-cta" in cta["class"] and cta.select_one(".block-text").get_text(
        strip=True
    ).startswith("Talk to us")
    button = cta.select_one("a.button")
    assert button.get_text(strip=True) == "Contact us" and button["href"] == f"{SITE}/membership/"


def test_headings_are_in_order(built):
    for page in ("index.html", "membership/index.html"):
        levels = [
            int(h.name[1]) for h in html(built[0] / page).select("main :is(h1, h2, h3, h4, h5, h6)")
        ]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in pairwise(levels)), (page, levels)


def test_a_page_without_a_hero_gets_its_title_as_h1_and_its_body_after_the_blocks(built):
    page = html(built[0] / "membership" / "index.html")
    assert page.select_one(".landing h1").text == "Membership"
    last = page.select_one(".landing").find_all(recursive=False)[-1]
    assert (
        "landing-body" in last["class"]
        and last.get_text(strip=True) == "The body comes after the blocks."
    )


def test_a_site_block_template_adds_a_type(built):
    page = html(built[0] / "membership" / "index.html")
    quote = page.select_one("section.block-quote")
    assert quote.blockquote.get_text(strip=True) == "Open infrastructure matters."
    assert quote.figcaption.text == "A member"


def test_an_unknown_type_warns_once_and_shows_its_markdown(built):
    out, result = built
    warnings = [line for line in result.stderr.splitlines() if "is not known" in line]
    assert warnings == [
        'warning: tests/fixtures/blocks/content/pages/membership.md:7: block type "timeline" is '
        "not known; rendered as Markdown (known: collection, cta, features, hero, logos, markdown, "
        "quote)"
    ]
    block = section(html(out / "membership" / "index.html"), "Our history")
    assert block.select_one(".prose strong").text == "2020"


def test_a_collection_by_tag(built):
    block = section(html(built[0] / "membership" / "index.html"), "Tagged ocean")
    assert [a.get_text(strip=True) for a in block.select(".card-title a")] == ["The second post"]


BAD = {
    "items not a list": (
        "  - type: features\n    title: T\n    items: one\n",
        7,
        "block 1 (features): 'items' must be a list of items",
    ),
    "an item not a mapping": (
        "  - type: features\n    items:\n      - name: A\n      - just text\n",
        8,
        "block 1, item 2 must be a mapping of",
    ),
    "an item without its name": (
        "  - type: logos\n    items:\n      - image: a.png\n        name: A\n"
        "      - image: b.png\n",
        9,
        "block 1, item 2 needs 'name'",
    ),
    "an action without url": (
        "  - type: hero\n    title: T\n    primary_action:\n      text: Go\n",
        7,
        "block 1 (hero): 'primary_action' must be a mapping with 'text' and 'url'",
    ),
    "a cta without a button": (
        "  - type: markdown\n    text: x\n  - type: cta\n    title: T\n",
        7,
        "block 2 (cta) needs 'button'",
    ),
    "a negative count": (
        "  - type: collection\n    count: -1\n",
        6,
        "block 1 (collection): 'count' must be a whole",
    ),
    "a misspelt field": (
        "  - type: markdown\n    titel: T\n",
        6,
        "block 1 (markdown): 'titel' is not a field",
    ),
    "a block without type": (
        "  - type: markdown\n    text: ok\n  - title: T\n",
        7,
        "block 2 needs 'type:'",
    ),
    "blocks not a list": ("  type: hero\n", 4, "'blocks' must be a list of blocks"),
    "text that is a list": (
        "  - type: markdown\n    text:\n      - a\n",
        6,
        "block 1 (markdown): 'text' must be text",
    ),
    "a shortcode error inside text": (
        "  - type: markdown\n    text: |\n      Fine.\n\n      {{< nosuch >}}\n",
        9,
        "shortcode nosuch: unknown shortcode",
    ),
}


@pytest.mark.parametrize("blocks, line, message", BAD.values(), ids=BAD.keys())
def test_a_wrong_field_is_one_error_with_its_line(tmp_path, blocks, line, message):
    content = tmp_path / "content"
    write(
        content, "pages/landing.md", "---\ntitle: Landing\nsummary: s\nblocks:\n" + blocks + "---\n"
    )
    result = build(content, tmp_path / "out")
    problems = problem_lines(result, content)
    assert result.returncode == 1
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"{content}/pages/landing.md:{line}: {message}"), problems
    assert "Traceback" not in result.stdout + result.stderr


def test_a_page_that_names_its_template_keeps_it(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "pages/plain.md",
        textwrap.dedent("""\
        ---
        title: Plain
        template: page
        blocks:
          - type: markdown
            text: Hidden by the page template.
        ---
        Body text.
        """),
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = html(tmp_path / "out" / "plain" / "index.html")
    assert page.select_one(".prose p").text == "Body text." and not page.select(".block")


def test_a_post_with_blocks_is_drawn_as_a_landing_page(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "blog/launch.md",
        textwrap.dedent("""\
        ---
        title: Launch
        date: 2026-03-04
        blocks:
          - type: hero
            title: A hero in a post
        ---
        Body text.
        """),
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = html(tmp_path / "out" / "blog" / "launch" / "index.html")
    assert page.select_one(".block-hero h1").get_text(strip=True) == "A hero in a post"
    assert page.title.get_text().startswith("Launch | ")


def test_the_landing_pages_are_valid_html(built):
    from htmlvalidate.test_valid_html import validate

    assert validate(built[0]) == []


def test_a_collection_that_lists_nothing_is_a_warning_with_its_line(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "pages/landing.md",
        "---\ntitle: Landing\nblocks:\n  - type: markdown\n    text: Hi\n"
        "  - type: collection\n    section: nowhere\n---\n",
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "lists no page" in line] == [
        f"warning: {content}/pages/landing.md:6: block 2 (collection) lists no page: no published page in "
        "section 'nowhere'"
    ]
