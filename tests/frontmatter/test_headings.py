"""sitelib.frontmatter.headings writes the same HTML as Python-Markdown's toc extension, for less work."""

import pytest
from markdown import Markdown

from sitelib.frontmatter.headings import hugo_anchor

CONFIG = {"permalink": "#", "permalink_title": "Link to this section", "slugify": hugo_anchor}
EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.smarty"]

DOCUMENTS = {
    "plain": "# Title\n\n## Our goal\n\ntext\n\n### What we   learned\n",
    "repeated": "## Notes\n\n## Notes\n\n## Notes_1\n\n## Notes\n",
    "smarty quotes and dashes": '## What\'s "next" -- and after...\n',
    "entities and markup": "## Q&A: <b>bold</b> & `code <x>`\n\n## Tom &amp; Jerry\n",
    "links and emphasis": "## See [the *guide*](https://example.org/) now\n",
    "given ids and labels": "## Own id {#mine}\n\n## Labelled {data-toc-label='Short'}\n\n## mine\n",
    "footnote in a heading": "## With a note[^1]\n\n[^1]: The note.\n",
    "unicode": "## Žlutý kůň – naïve café\n",
    "an equals sign": '## Set href="x" = y\n',
    "a table of contents": "[TOC]\n\n## One\n\n### Two's part\n\n## Three\n",
    "empty heading": "##\n\n## #\n",
}


def convert(extension, text):
    md = Markdown(
        extensions=[*EXTENSIONS, extension],
        extension_configs={extension: CONFIG},
        output_format="html5",
    )
    return md.convert(text), md


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_same_html_as_toc(text):
    ours, _ = convert("sitelib.frontmatter.headings", text)
    theirs, _ = convert("markdown.extensions.toc", text)
    assert ours == theirs


def test_ids_and_permalinks():
    html, md = convert("sitelib.frontmatter.headings", DOCUMENTS["repeated"] + "\n## Our goal\n")
    assert html.count('<a class="headerlink" href="#notes" title="Link to this section">#</a>') == 1
    assert [
        f'id="{i}"' in html for i in ("notes", "notes_1", "notes_2", "notes_3", "our-goal")
    ] == [True] * 5
    assert md.toc == ""  # no [TOC] marker: no table built


def test_the_marker_gets_the_table():
    html, md = convert("sitelib.frontmatter.headings", DOCUMENTS["a table of contents"])
    assert (
        html.startswith('<div class="toc">') and '<a href="#twos-part">Two&rsquo;s part</a>' in html
    )
    assert md.toc.startswith('<div class="toc">')


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Our goal", "our-goal"),
        ("What we   learned", "what-we---learned"),  # each space counts, as in Hugo
        (
            "We have competitive pay and great benefits 📊",
            "we-have-competitive-pay-and-great-benefits-",
        ),
        ("Q&A: the plan (2024)", "qa-the-plan-2024"),
        ("Žlutý kůň – naïve café", "žlutý-kůň--naïve-café"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("  padded  ", "padded"),
    ],
)
def test_ids_are_made_as_hugo_makes_them(text, expected):
    assert hugo_anchor(text) == expected


def test_the_extension_names_headings_the_hugo_way_by_default():
    md = Markdown(extensions=["sitelib.frontmatter.headings"])
    assert 'id="q-and-a-2024-"' in md.convert("## Q and A 2024 🎉")
