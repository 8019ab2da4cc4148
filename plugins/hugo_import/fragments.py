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


def blank_line_before_html_blocks(text):
    """CommonMark lets an HTML block interrupt a paragraph; Python-Markdown wants a blank line first."""
    out = []
    fence = None
    previous = ""
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
        elif fence is not None and match and match.group(1)[0] == fence:
            fence = None
        elif fence is None and HTML_BLOCK_START.match(line) and previous.strip() \
                and not previous.startswith((" ", "\t", "<", ">", "|")):
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out)


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


FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def close_unclosed_fence(text):
    """CommonMark runs a code fence that is never closed to the end of the page; Python-Markdown
    reads it as no code at all (its links and headings then render). Close it at the end."""
    fence = None
    for line in text.split("\n"):
        match = FENCE_LINE.match(line)
        if not match:
            continue
        if fence is None:
            if not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
        elif match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not match.group(2).strip():
            fence = None
    if fence is None:
        return text
    return text + ("" if text.endswith("\n") else "\n") + fence + "\n"


TITLE_END = {'"': '"', "'": "'", "(": ")"}


def escape_non_links(text):
    """``[a](Hacks/Hackers Dublin: x)`` is no link in CommonMark (a destination has no spaces unless
    in ``<>``, and only a quoted title may follow it), so Hugo shows it as typed; Python-Markdown
    would make it a link to nowhere. Its ``[`` is escaped, so both show the text."""
    out, fence = [], None
    for line in text.split("\n"):
        match = FENCE_LINE.match(line)
        if fence is None and match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence = match.group(1)
        elif fence and match and match.group(1)[0] == fence[0] and not match.group(2).strip():
            fence = None
        elif fence is None and "](" in line:
            line = _escape_line(line)
        out.append(line)
    return "\n".join(out)


CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _escape_line(line):
    code = [m.span() for m in CODE_SPAN.finditer(line)]
    starts = []
    at = line.find("](")
    while at >= 0:
        depth, i = 0, at
        while i >= 0:
            if line[i] == "]" and (i == 0 or line[i - 1] != "\\"):
                depth += 1
            elif line[i] == "[" and (i == 0 or line[i - 1] != "\\"):
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        in_code = any(a <= i < b for a, b in code)
        if i >= 0 and not in_code and not _is_link_tail(line, at + 2):
            starts.append(i)
        at = line.find("](", at + 2)
    for i in sorted(set(starts), reverse=True):
        line = line[:i] + "\\" + line[i:]
    return line


def _is_link_tail(line, i):
    """Whether ``line[i:]`` (after ``](``) is a CommonMark destination, an optional title and ``)``."""
    n = len(line)
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] == "<":
        end = line.find(">", i)
        if end < 0:
            return False
        i = end + 1
    else:
        depth = 0
        while i < n and not line[i].isspace():
            if line[i] == "\\":
                i += 2
                continue
            if line[i] == "(":
                depth += 1
            elif line[i] == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] in TITLE_END:
        end = line.find(TITLE_END[line[i]], i + 1)
        if end < 0:
            return False
        i = end + 1
        while i < n and line[i] in " \t":
            i += 1
    return i < n and line[i] == ")"
