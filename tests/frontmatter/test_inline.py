"""sitelib.frontmatter.inline skips inline patterns that cannot match, and so writes the same HTML."""

import re

import pytest
from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor, Pattern
from sitetest import HUGO_SAMPLE

import pelicanconf
from sitelib.frontmatter.inline import needed, speed_up

CONFIGS = pelicanconf.MARKDOWN[
    "extension_configs"
]  # the site's extensions (linkify, tilde, tasklist...)

DOCUMENTS = {
    "quotes after markup": "*He* said \"it's **done**\" -- 'twas the '90s... <b>'Yes'</b>\n",
    "links in emphasis": "**[a *b* link](https://example.org/ \"its 'title'\")** and ![img](x.png)\n",
    "references and footnotes": "See [the guide][g], [g] and a note[^n].\n\n[g]: https://example.org\n[^n]: Noted.\n",
    "autolinks and mail": "<https://2i2c.org/a?b=c&d> or <team@2i2c.org> &amp; &#169; &copy; &nope\n",
    "escapes and code": "\\*not em\\* `code 'with' \"quotes\" & <tags>` ``a ` b`` \\\\`x`\n",
    "line breaks": "first line  \nsecond line\\\nthird\n",
    "html inline": "a <span class=\"x\">'in' span</span> <!-- 'comment' --> b\n",
    "nested lists and tables": "- a 'one'\n    - b **two**\n\n| x | 'y' |\n|---|---|\n| 1 -- 2 | *3* |\n",
    "underscores": "snake_case_word and __strong__ and _em_ and a_b_\n",
    "attribute lists": "## Heading 'quoted' {#own .cls}\n\nParagraph\n{: .note }\n",
    "no specials": "Plain words only here\n",
    "placeholders then quotes": "**x**'s and *y*\"s and `z`'s\n",
    "bare addresses": "See https://2i2c.org/blog/. or www.example.org/a_(b)?, (team@2i2c.org) \\*https://x.org\n",
    "addresses next to markup": '*https://x.org/em* `c`https://x.org/c [l](u)https://x.org/l "https://x.org/q"\n',
    "address in an html link": '<a href="https://x.org">https://x.org</a> &amp; https://x.org/?a=1&amp;b\n',
    "strikethrough": "~~gone~~ and ~~*also* gone~~, not ~~ this ~~ nor `~~code~~`\n",
    "task lists": "- [x] done ~~old~~\n- [ ] to do https://x.org\n    - [X] nested\n\n1. [ ] ordered\n",
}


def sample_texts():
    return {
        str(path.relative_to(HUGO_SAMPLE)): path.read_text(encoding="utf-8")
        for path in sorted((HUGO_SAMPLE / "content").rglob("*.md"))
    }


def convert(text, fast):
    md = Markdown(extensions=list(CONFIGS), extension_configs=CONFIGS, output_format="html5")
    if fast:
        speed_up(md)
    return md.convert(text)


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_same_html_on_tricky_text(text):
    assert convert(text, fast=True) == convert(text, fast=False)


def test_same_html_on_every_page_of_the_hugo_site():
    texts = sample_texts()
    assert len(texts) > 50
    different = [
        name
        for name, text in texts.items()
        if convert(text, fast=True) != convert(text, fast=False)
    ]
    assert different == []


class Compiled(InlineProcessor):
    def __init__(self, expression, flags=0):
        super().__init__(expression)
        self.compiled_re = re.compile(expression, re.DOTALL | re.UNICODE | flags)


@pytest.mark.parametrize(
    ("expression", "chars"),
    [
        (r"\[", "["),
        (r"\*|_", "*_"),
        (r"(?<=\s)'(?!\s)", "'"),  # a lookbehind's class is too wide: the quote is the need
        (r"(\s|&nbsp;|--)'(?=\w)", "'"),  # a consuming group of several branches, then the quote
        (r"  \n", "\n"),  # the rarest of what a match holds
        (r"(&(?:\#[0-9]+|[a-z]+);)", "&"),
        (r"x{2,}\]", "]"),
        (r"\[{2,}x", "["),  # a repeat of at least one needs its item
        (r"\]*q", "q"),  # a repeat of none needs nothing
        (
            r"(?:https?://|www\.|\w+@)",
            ":.@",
        ),  # from each branch its rarest character, not its first
    ],
)
def test_needed_characters(expression, chars):
    assert needed(Compiled(expression)) == frozenset(chars)


def test_ignorecase_needs_both_cases():
    assert needed(Compiled(r"q", re.IGNORECASE)) == frozenset("qQ")


@pytest.mark.parametrize("expression", [r".", r"x?", r"[^a]", r"\w+", r"(?:a|)b?", r"a*"])
def test_always_tried_when_nothing_is_required(expression):
    assert needed(Compiled(expression)) is None


def test_old_style_patterns_are_always_tried():
    assert needed(Pattern(r"\[")) is None


def test_skipped_patterns_are_not_run():
    md = speed_up(Markdown(extensions=["markdown.extensions.smarty"]))
    tried = []
    for processor in md.treeprocessors:
        for pattern in getattr(processor, "inlinePatterns", ()):
            expression = pattern.getCompiledRegExp()
            pattern.compiled_re = Spy(expression, tried)
    assert md.convert("Plain words") == "<p>Plain words</p>"
    assert tried == []  # none of the patterns needs only letters and spaces
    md.reset()
    assert md.convert("a [link](x)") == '<p>a <a href="x">link</a></p>'
    assert tried and all("[" in pattern.pattern for pattern in tried)


class Spy:
    """A compiled expression that notes each search."""

    def __init__(self, expression, log):
        self.expression, self.log = expression, log
        self.pattern, self.flags = expression.pattern, expression.flags

    def finditer(self, *args):
        self.log.append(self.expression)
        return self.expression.finditer(*args)


def test_thousands_of_matches_in_one_paragraph_give_stock_output():
    """The text is not scanned again after each match (that made 8000 quoted words take 27 s)."""
    text = '"x", ' * 3000 + "and *more*"
    ours = speed_up(
        Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.smarty"])
    )
    stock = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.smarty"])
    assert ours.convert(text) == stock.convert(text)
