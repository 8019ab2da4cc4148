"""Hugo shortcode templates that are plain HTML/Markdown can be used as they are.

A template with no Go template action (``{{ ... }}``) is carried over as a
Jinja template (wrapped in ``{% raw %}``); one with actions needs a template
or handler of ours, and is listed.
"""

import re

GO_ACTION = re.compile(r"\{\{.*?\}\}", re.S)
BLOCK_OPEN = re.compile(r"^(<(?:div|section|aside|article)\b)(?![^>]*\bmarkdown=)([^>]*>)", re.M)
MARKDOWN_LINE = re.compile(r"^\s*(?:[>*#-]|\d+\.|\[|!\[)|\*\*|\]\(", re.M)


def is_plain(text):
    return not GO_ACTION.search(text)


def convert(text):
    """Jinja template text for a plain fragment.

    Hugo renders Markdown inside an HTML block after a blank line; Python-Markdown
    needs ``markdown="1"`` on the block for that, so it is added where Markdown lines appear.
    """
    if MARKDOWN_LINE.search(re.sub(r"<[^>]+>", "", text)):
        text = BLOCK_OPEN.sub(lambda m: m.group(1) + ' markdown="1"' + m.group(2), text)
    return "{% raw %}" + text + "{% endraw %}\n"
