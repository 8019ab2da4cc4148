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


HTML_BLOCK_START = re.compile(
    r"<(?:div|form|table|figure|section|aside|details|blockquote|pre|h[1-6]|style|script|iframe|video|ul|ol|dl|center)\b",
    re.I,
)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def blank_line_before_blocks(text):
    """CommonMark lets an HTML block, and GFM a table, interrupt a paragraph; Python-Markdown wants
    a blank line first."""
    lines = text.split("\n")
    out = []
    fence = None
    previous = ""
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
        elif fence is not None and match and match.group(1)[0] == fence:
            fence = None
        elif fence is None and previous.strip() and not previous.startswith((" ", "\t", "<", ">", "|")) and (
                HTML_BLOCK_START.match(line) or starts_table(line, "".join(lines[number + 1:number + 2]), previous)):
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out)


# A GFM table's delimiter row (https://github.github.com/gfm/#tables-extension-): cells of dashes,
# with a colon at either end for alignment; with a pipe, or it would be a setext heading.
DELIMITER_ROW = re.compile(r"^ {0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def starts_table(line, row, previous):
    """True when ``line`` is the header row of a table (``row``, the next line, its delimiter row
    with as many cells) that ends the paragraph line ``previous``. A list item's own line is left
    as it is: the table belongs to the item there, and Python-Markdown cannot put it there."""
    return ("|" in row and DELIMITER_ROW.match(row) is not None and cell_count(line) == cell_count(row)
            and not LIST_ITEM.match(previous) and not previous.startswith("#"))


def cell_count(row):
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(re.split(r"(?<!\\)\|", row))


def join_split_open_tags(text):
    """``<form\\n  action=...\\n>``: Python-Markdown sees a raw HTML block only when its
    opening tag is on one line, so the lines of a split opening tag are joined."""
    lines = text.split("\n")
    out = []
    fence = None
    i = 0
    while i < len(lines):
        line = lines[i]
        match = FENCE.match(line)
        if match and (fence is None or match.group(1)[0] == fence):
            fence = match.group(1)[0] if fence is None else None
        elif fence is None and HTML_BLOCK_START.match(line) and ">" not in line:
            j = i + 1
            while j < len(lines) and ">" not in lines[j] and lines[j].strip() and j - i < 20:
                j += 1
            if j < len(lines) and ">" in lines[j]:
                out.append(" ".join([line.rstrip()] + [part.strip() for part in lines[i + 1:j + 1]]))
                i = j + 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out)
