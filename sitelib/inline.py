"""Markdown for short fields (summaries, job deadlines, image captions, inline shortcodes):
one paragraph comes back without its ``<p>``."""

from markdown import Markdown

from sitelib.frontmatter.inline import speed_up

IDLE = []  # converters for render_inline, reset between uses (building one costs more than a short text)


def render_inline(text):
    """Markdown (with smart quotes) → HTML, unwrapped when it is one paragraph."""
    md = IDLE.pop() if IDLE else speed_up(Markdown(extensions=["markdown.extensions.smarty"]))
    try:
        html = md.convert(str(text)).strip()
    finally:
        IDLE.append(md.reset())
    return unwrap_paragraph(html)


def unwrap_paragraph(html):
    """``<p>text</p>`` → ``text``; anything else (several paragraphs, a list) as it is."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
