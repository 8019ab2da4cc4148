"""Hugo shortcode templates that are plain HTML/Markdown can be used as they are.

A template with no Go template action (``{{ ... }}``) is carried over as a
Jinja template (wrapped in ``{% raw %}``); one with actions needs a template
or handler of ours, and is listed.

Also here: where Hugo's CommonMark and our Python-Markdown read the HTML (and the
tables) in Markdown differently, the text is adjusted so that both render the same.
"""

import re

GO_ACTION = re.compile(r"\{\{.*?\}\}", re.S)


def is_plain(text):
    return not GO_ACTION.search(text)


def convert(text):
    """Jinja template text for a plain fragment."""
    return "{% raw %}" + markdown_in_html(text) + "{% endraw %}\n"


def markdown_in_html(text):
    """Mark the HTML elements whose content Hugo rendered as Markdown, so that we do too.

    CommonMark (Hugo) ends an HTML block at a blank line: Markdown that follows, up to the
    next line that starts HTML again, is rendered even inside an element left open
    (``<figure>...<figcaption>``, blank line, a caption in Markdown, ``</figcaption></figure>``).
    Python-Markdown keeps a whole element as raw HTML unless it, and each element around it,
    has ``markdown="1"`` (md_in_html, part of extra): those elements get it. md_in_html sees a
    tag only at the start of a line (or right after its parent's), and Markdown indented by 4
    is code: elsewhere the HTML stays as it is.
    """
    lines = text.split("\n")
    marks = set()  # (line, column) where ' markdown="1"' goes
    open_elements = []  # (tag, line, column or None, placed where md_in_html sees it) of unclosed elements
    block = None  # what ends the HTML block being read: BLANK, or a kind 1-5 block's end marker
    fence = None
    paragraph = False  # the line before is Markdown text (kind 7 cannot interrupt it)
    for number, line in enumerate(lines):
        if fence is not None:
            fence = None if closes_fence(line, fence) else fence
            continue
        if block is not None and block is not BLANK:
            block = None if block.search(line) else block
            continue
        if not line.strip():
            block, paragraph = None, False
            continue
        if block is None:
            block = html_block_start(line, paragraph)
            if block is None:  # Markdown, inside every element still open
                if (
                    open_elements
                    and indent(line) < 4
                    and all(placed for *_, placed in open_elements)
                ):
                    marks.update(
                        (row, column)
                        for _tag, row, column, _placed in open_elements
                        if column is not None
                    )
                match = FENCE.match(line)
                fence = match.group(1) if match else None
                paragraph = True
                continue
            paragraph = False
            if block is not BLANK:
                block = None if block.search(line, line.index("<") + 2) else block
                continue
        follow_tags(line, number, open_elements)
    for row, column in sorted(marks, reverse=True):
        lines[row] = lines[row][:column] + ' markdown="1"' + lines[row][column:]
    return "\n".join(lines)


def indent(line):
    return len(line) - len(line.lstrip(" "))


# CommonMark's HTML blocks (spec, 4.6 HTML blocks): kinds 1 to 5 end at a marker, 6 and 7 at a blank line.
BLANK = "blank line"
ENDS = (
    (
        re.compile(r"<(?:pre|script|style|textarea)(?=[\s>]|$)", re.I),
        re.compile(r"</(?:pre|script|style|textarea)>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)
KIND_6 = re.compile(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|"
    r"div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|"
    r"link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|"
    r"th|thead|title|tr|track|ul)(?=[\s>]|/>|$)",
    re.I,
)
ATTRIBUTES = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(" + ATTRIBUTES + r")\s*(/?)>")
KIND_7 = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*" + ATTRIBUTES + r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
)
# Elements whose content md_in_html reads as Markdown blocks once marked (its block_tags).
MARKABLE = frozenset(
    [
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "colgroup",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "group",
        "header",
        "hgroup",
        "html",
        "iframe",
        "main",
        "map",
        "menu",
        "nav",
        "noscript",
        "object",
        "ol",
        "output",
        "progress",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        "video",
    ]
)
# Text that looks like a tag and is not one for this purpose: comments and Hugo shortcodes.
NOT_TAGS = re.compile(r"<!--.*?-->|\{\{<.*?>\}\}|\{\{%.*?%\}\}")


def html_block_start(line, paragraph):
    """What ends the HTML block this line starts (BLANK or an end marker), or None for Markdown."""
    if indent(line) > 3:
        return None
    rest = line.lstrip(" ")
    if not rest.startswith("<"):
        return None
    for start, end in ENDS:
        if start.match(rest):
            return end
    if KIND_6.match(rest) or (not paragraph and KIND_7.match(rest) and not ENDS[0][0].match(rest)):
        return BLANK
    return None


def follow_tags(line, number, open_elements):
    """Update the open elements with the tags of one line of an HTML block."""
    visible = NOT_TAGS.sub(lambda m: " " * len(m.group(0)), line)
    chain = None  # where the last opening tag that md_in_html sees ends, if nothing followed it yet
    for tag in TAG.finditer(visible):
        closing, name, attributes, self_closing = (
            tag.group(1),
            tag.group(2).lower(),
            tag.group(3),
            tag.group(4),
        )
        before = visible[: tag.start()]
        placed = (not before.strip() and len(before) <= 3) or (
            chain is not None and not visible[chain : tag.start()].strip()
        )
        chain = None
        if name not in MARKABLE or self_closing:
            continue
        if closing:
            names = [element[0] for element in open_elements]
            if name in names:
                del open_elements[len(names) - 1 - names[::-1].index(name) :]
        else:  # the column where markdown="1" goes, None when it has a markdown attribute
            open_elements.append(
                (name, number, None if "markdown=" in attributes else tag.end(2), placed)
            )
            chain = tag.end() if placed else None


def closes_fence(line, fence):
    match = FENCE.match(line)
    return (
        match is not None
        and match.group(1)[0] == fence[0]
        and len(match.group(1)) >= len(fence)
        and not line.strip()[len(match.group(1)) :].strip()
    )


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
        elif (
            fence is None
            and previous.strip()
            and not previous.startswith((" ", "\t", "<", ">", "|"))
            and (
                HTML_BLOCK_START.match(line)
                or starts_table(line, "".join(lines[number + 1 : number + 2]), previous)
            )
        ):
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
    return (
        "|" in row
        and DELIMITER_ROW.match(row) is not None
        and cell_count(line) == cell_count(row)
        and not LIST_ITEM.match(previous)
        and not previous.startswith("#")
    )


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
                out.append(
                    " ".join([line.rstrip()] + [part.strip() for part in lines[i + 1 : j + 1]])
                )
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
        elif (
            match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not match.group(2).strip()
        ):
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


FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")


def drop_unreferenced_footnotes(text):
    """Goldmark leaves out a footnote nothing refers to; Python-Markdown shows it, with a link back
    to a reference that does not exist. The definition goes (with its indented lines), as in Hugo."""
    lines = text.split("\n")
    defined = {m.group(1) for m in map(FOOTNOTE_DEFINITION.match, lines) if m}
    body = "\n".join(line for line in lines if not FOOTNOTE_DEFINITION.match(line))
    unused = {name for name in defined if f"[^{name}]" not in body}
    if not unused:
        return text
    out, dropping = [], False
    for number, line in enumerate(lines):
        match = FOOTNOTE_DEFINITION.match(line)
        if match:
            dropping = match.group(1) in unused
        elif dropping and not line.strip():  # blank: the note goes on if the next text is indented
            following = next((n for n in lines[number + 1 :] if n.strip()), "")
            dropping = following.startswith(("    ", "\t"))
        elif dropping and not line.startswith(("    ", "\t")):
            dropping = False
        if not dropping:
            out.append(line)
    return "\n".join(out)
