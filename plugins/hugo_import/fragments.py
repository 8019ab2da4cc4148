"""Hugo shortcode templates that are plain HTML/Markdown can be used as they are.

A template with no Go template action (``{{ ... }}``) is carried over as a
Jinja template (wrapped in ``{% raw %}``); one with actions needs a template
or handler of ours, and is listed.
"""

import re

GO_ACTION = re.compile(r"\{\{.*?\}\}", re.S)
# An HTML block tag alone on its line, then a blank line: CommonMark (Hugo) reads what
# follows as Markdown, Python-Markdown only with markdown="1" (md_in_html, part of extra).
BLOCK_THEN_BLANK = re.compile(
    r"^(<(?:div|section|aside|article|details|blockquote|main|header|footer)\b)(?![^>]*\bmarkdown=)([^>]*>[ \t]*\n[ \t]*\n)",
    re.M,
)


def is_plain(text):
    return not GO_ACTION.search(text)


def convert(text):
    """Jinja template text for a plain fragment."""
    return "{% raw %}" + markdown_in_html(text) + "{% endraw %}\n"


def markdown_in_html(text):
    """Mark HTML blocks whose content Hugo rendered as Markdown, so that we do too."""
    return BLOCK_THEN_BLANK.sub(lambda m: m.group(1) + ' markdown="1"' + m.group(2), text)
