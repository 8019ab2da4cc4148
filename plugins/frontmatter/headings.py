"""Heading ids and permalinks exactly as Python-Markdown's ``toc`` extension writes them, for less.

``toc`` names every heading by rendering its inner HTML through every postprocessor,
then builds and renders a table of contents that only a ``[TOC]`` marker shows. Here a
heading of plain text is named from its text (what those steps give for it), and a page
without the marker gets its ids and permalinks only (``md.toc`` stays empty: nothing
reads it). A page with the marker, or an unknown postprocessor, takes ``toc``'s own path.

Configured in ``MARKDOWN["extension_configs"]`` as ``"frontmatter.headings"``, with
``toc``'s options.
"""

import html

from markdown.extensions.toc import TocExtension, TocTreeprocessor, remove_fnrefs, render_inner_html, strip_tags, unique

# What each postprocessor acts on: stash placeholders and entities (\x02...\x03), tags,
# href/src/poster attributes (links); a heading's text with none of these passes unchanged.
KNOWN_POSTPROCESSORS = {
    "RawHtmlPostprocessor", "MarkdownInHTMLPostprocessor", "AndSubstitutePostprocessor",
    "FootnotePostprocessor", "RewriteLinks",
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
                el.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used_ids, id_counters)
            el.attrib.pop("data-toc-label", None)  # only ever names the heading in a table
            if self.use_anchors:
                self.add_anchor(el, el.attrib["id"])
            if self.use_permalinks not in [False, None]:
                self.add_permalink(el, el.attrib["id"])
        return None


class HeadingsExtension(TocExtension):
    TreeProcessorClass = HeadingsTreeprocessor


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API)
    return HeadingsExtension(**kwargs)
