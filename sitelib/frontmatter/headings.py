"""Heading ids and permalinks exactly as Python-Markdown's ``toc`` extension writes them, for less.

``toc`` names every heading by rendering its inner HTML through every postprocessor,
then builds and renders a table of contents that only a ``[TOC]`` marker shows. Here a
heading of plain text is named from its text (what those steps give for it), and a page
without the marker gets its ids and permalinks only (``md.toc`` stays empty: nothing
reads it). A page with the marker, or an unknown postprocessor, takes ``toc``'s own path.

Configured in ``MARKDOWN["extension_configs"]`` as ``"sitelib.frontmatter.headings"``, with
``toc``'s options. Ids are made as Hugo makes them (:func:`hugo_anchor`), so that links to a
section of a page of the old site (``/jobs/#benefits``) keep landing on it.
"""

import html
import unicodedata

from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    remove_fnrefs,
    render_inner_html,
    strip_tags,
    unique,
)

# What each postprocessor acts on: stash placeholders and entities (\x02...\x03), tags,
# href/src/poster attributes (links); a heading's text with none of these passes unchanged.
KNOWN_POSTPROCESSORS = {
    "RawHtmlPostprocessor",
    "MarkdownInHTMLPostprocessor",
    "AndSubstitutePostprocessor",
    "FootnotePostprocessor",
    "RewriteLinks",
}
SPECIAL = frozenset("\x02\x03&<>=")


class HeadingsTreeprocessor(TocTreeprocessor):
    def run(self, doc):
        if self.marker and any(el.text and self.marker in el.text for el in doc.iter()):
            return super().run(doc)
        plain = all(type(pp).__name__ in KNOWN_POSTPROCESSORS for pp in self.md.postprocessors)
        used_ids = {el.attrib["id"] for el in doc.iter() if "id" in el.attrib}
        id_counters = {}
        for el in doc.iter():
            if not (isinstance(el.tag, str) and self.header_rgx.match(el.tag)):
                continue
            self.set_level(el)
            text = el.text or ""
            if plain and not len(el) and SPECIAL.isdisjoint(text):
                name = " ".join(text.split())
            else:  # rendered as toc does, also when the id is given: postprocessors may report problems
                name = strip_tags(render_inner_html(remove_fnrefs(el), self.md))
            if "id" not in el.attrib:
                el.attrib["id"] = unique(
                    self.slugify(html.unescape(name), self.sep), used_ids, id_counters
                )
            el.attrib.pop("data-toc-label", None)  # only ever names the heading in a table
            if self.use_anchors:
                self.add_anchor(el, el.attrib["id"])
            if self.use_permalinks not in [False, None]:
                self.add_permalink(el, el.attrib["id"])
        return None


LETTERS_AND_DIGITS = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"}  # Go's unicode.IsLetter and IsDigit


def hugo_anchor(value, separator="-"):
    """A heading id as Hugo's default ("github") makes it (markup/goldmark/autoid.go): the text
    trimmed, each space or hyphen a hyphen, letters (any script), digits and "_" kept in lower
    case, everything else dropped: "Q&A: the *plan* (2024) 🎉" → "qa-the-plan-2024-"."""
    out = []
    for char in value.strip():
        if char in " -":
            out.append(separator)
        elif char == "_" or unicodedata.category(char) in LETTERS_AND_DIGITS:
            out.append(char.lower())
    return "".join(out)


class HeadingsExtension(TocExtension):
    TreeProcessorClass = HeadingsTreeprocessor

    def __init__(self, **kwargs):
        kwargs.setdefault("slugify", hugo_anchor)
        super().__init__(**kwargs)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API)
    return HeadingsExtension(**kwargs)
