"""The GitHub-flavoured Markdown Hugo writes, with the project's Markdown settings: bare
addresses become links (sitelib.frontmatter.linkify), ~~strikethrough~~, task lists.

Expected links are those Hugo 0.168 writes for the same text (tests/hugo/test_goldmark_parity.py
asks Hugo itself for many of them)."""

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

import pelicanconf
from sitelib.frontmatter.inline import speed_up

CONFIGS = pelicanconf.MARKDOWN["extension_configs"]


def render(text):
    md = speed_up(
        Markdown(extensions=list(CONFIGS), extension_configs=CONFIGS, output_format="html5")
    )
    return BeautifulSoup(md.convert(text), "html.parser")


def links(text):
    return [
        (a["href"], a.get_text())
        for a in render(text).find_all("a")
        if "headerlink" not in a.get("class", [])
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The slides are at https://example.org/slides and the code at www.example.org/code.",
            [
                ("https://example.org/slides", "https://example.org/slides"),
                ("https://www.example.org/code", "www.example.org/code"),
            ],
        ),  # www. links to https, as Hugo's linkifyProtocol
        ("See https://example.org/a.", [("https://example.org/a", "https://example.org/a")]),
        ("(see https://example.org/a)", [("https://example.org/a", "https://example.org/a")]),
        (
            "https://en.wikipedia.org/wiki/Kelp_(disambiguation), then",
            [
                (
                    "https://en.wikipedia.org/wiki/Kelp_(disambiguation)",
                    "https://en.wikipedia.org/wiki/Kelp_(disambiguation)",
                )
            ],
        ),
        (
            "Really https://example.org/x?!, yes",
            [("https://example.org/x", "https://example.org/x")],
        ),
        ("a https://example.org/x). b", [("https://example.org/x", "https://example.org/x")]),
        (
            "a https://example.org/x.) b",
            [("https://example.org/x.", "https://example.org/x.")],
        ),  # Hugo drops only the )
        (
            "Query https://example.org/?a=1&b=2 here",
            [("https://example.org/?a=1&b=2", "https://example.org/?a=1&b=2")],
        ),
        (
            "Port http://example.org:8080/x and ftp://files.example.org/a",
            [
                ("http://example.org:8080/x", "http://example.org:8080/x"),
                ("ftp://files.example.org/a", "ftp://files.example.org/a"),
            ],
        ),
        ("Write to team@example.org.", [("mailto:team@example.org", "team@example.org")]),
        (
            "First line  \nhttps://example.org/next",
            [("https://example.org/next", "https://example.org/next")],
        ),
        (
            "`code`https://example.org/after",
            [("https://example.org/after", "https://example.org/after")],
        ),
        (
            "Stops at https://example.org/caf\u00e9",
            [("https://example.org/caf", "https://example.org/caf")],
        ),
        (
            'Quoted "https://example.org/q" too',
            [("https://example.org/q%22", 'https://example.org/q"')],
        ),  # as Hugo
    ],
)
def test_bare_addresses_become_links(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In code: `https://example.org/x` and ``www.example.org``",
        "```\nhttps://example.org/fenced\n```",
        "Para\n\n    https://example.org/indented",
        '<img src="https://example.org/x.png" alt="https://example.org/alt">',
        "No dot: http://localhost:8000/ and http://intranet/x",
        "Case: HTTPS://EXAMPLE.ORG/X and Www.example.org",
        "Glued: xhttps://example.org and url:https://example.org and a.https://example.org",
        "Escaped: \\*https://example.org/x",
        "Not mail: someone@localhost, -a@example.org, a@example.org_b",
    ],
)
def test_text_that_does_not_become_a_link(text):
    assert render(text).find("a") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "[https://example.org/x](https://example.org/y)",
            [("https://example.org/y", "https://example.org/x")],
        ),
        (
            "[the site www.example.org](https://example.org/y)",
            [("https://example.org/y", "the site www.example.org")],
        ),
        (
            "<https://example.org/angle>",
            [("https://example.org/angle", "https://example.org/angle")],
        ),
        (
            '<a href="https://example.org/h">https://example.org/h</a>',
            [("https://example.org/h", "https://example.org/h")],
        ),
    ],
)
def test_an_address_already_in_a_link_is_not_linked_again(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("*https://example.org/em*", "em > a"),
        ("~~https://example.org/gone~~", "del > a"),
        ("# Read https://example.org/h", "h1 > a"),
        ("> quoted https://example.org/q", "blockquote a"),
        ("- item https://example.org/i", "li > a"),
        ("| a |\n|---|\n| https://example.org/t |", "td > a"),
    ],
)
def test_addresses_are_linked_inside_other_markdown(text, expected):
    assert render(text).select_one(expected) is not None


def test_the_link_text_is_left_as_typed():
    a = render("See https://example.org/it's--here_now_ done").find("a")
    assert (
        a.get_text() == "https://example.org/it's--here_now"
    )  # no smart quote, dash or emphasis inside


@pytest.mark.parametrize(
    "text, struck",
    [
        ("The old plan is ~~cancelled~~ replaced.", ["cancelled"]),
        ("a~~b~~c and ~~*two* words~~", ["b", "two words"]),
        ("~~ spaced ~~ is not struck", []),
        ("`~~code~~` is not struck", []),
    ],
)
def test_strikethrough(text, struck):
    assert [d.get_text() for d in render(text).find_all("del")] == struck


def test_task_lists_are_disabled_checkboxes():
    soup = render(
        "- [x] Write the proposal\n- [ ] Find a venue\n- [X] Upper case\n- [y] not a task\n- plain\n"
    )
    items = soup.find_all("li")
    boxes = [li.find("input") for li in items]
    assert [b is not None for b in boxes] == [True, True, True, False, False]
    assert all(b["type"] == "checkbox" and b.has_attr("disabled") for b in boxes[:3])
    assert [b.has_attr("checked") for b in boxes[:3]] == [True, False, True]
    assert [li.get_text().strip() for li in items] == [
        "Write the proposal",
        "Find a venue",
        "Upper case",
        "[y] not a task",
        "plain",
    ]


def test_a_task_in_an_ordered_and_a_nested_list():
    soup = render("1. [ ] parent\n    - [x] child\n")
    assert soup.select_one("ol > li > input:not([checked])") is not None
    assert soup.select_one("ol > li > ul > li > input[checked]") is not None
