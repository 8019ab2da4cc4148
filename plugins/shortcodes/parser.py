"""Find Hugo shortcodes in Markdown text and pair them into a tree.

Syntax understood (as Hugo writes it)::

    {{< name pos1 "pos 2" >}}            raw inner content, when paired
    {{% name key="value" key2=`multi
        line` %}}inner as Markdown{{% /name %}}
    {{< name />}}                        self-closing
    {{</* name */>}}                     written out literally as {{< name >}}

Fenced code blocks and inline code spans are left alone (only the comment
escape is undone there, so documentation can show a shortcode).
Every problem is a :class:`ShortcodeError` with the line (1-based, relative
to the text) where the shortcode starts.
"""

import re
from dataclasses import dataclass, field

OPENERS = ("{{<", "{{%")
NEXT_SPECIAL = re.compile(r"\{\{[<%]|`")  # where _inline_spans has something to look at
CLOSER = {"<": ">}}", "%": "%}}"}
NAME = re.compile(r"[A-Za-z0-9_][\w./-]*")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ESCAPE = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)


class ShortcodeError(Exception):
    def __init__(self, line, name, message):
        self.line, self.name, self.message = line, name, message
        super().__init__(f"line {line}: shortcode {name or '?'}: {message}")


@dataclass
class Tag:
    """One ``{{< ... >}}`` as written."""

    kind: str  # "open", "close" or "self" (self-closing)
    form: str  # "<" or "%"
    name: str
    line: int
    start: int  # offsets in the text
    end: int
    args: list = field(default_factory=list)
    params: dict = field(default_factory=dict)


@dataclass
class Shortcode:
    """A shortcode call with its inner text (None when not paired)."""

    name: str
    form: str
    line: int
    args: list
    params: dict
    inner: str | None = None
    inner_line: int = 0  # line where the inner text starts
    start: int = 0
    end: int = 0


def unescape(text):
    """``{{</* x */>}}`` → ``{{< x >}}``."""
    return ESCAPE.sub(lambda m: "{{" + m.group(1) + m.group(2) + m.group(3) + "}}", text)


def code_spans(text):
    """(start, end) of every fenced block and inline code span, outside which shortcodes count."""
    spans = []
    fence = None
    fence_start = 0
    inline_from = 0  # text before this offset was scanned for code spans already
    lines = text.splitlines(keepends=True)
    offset = 0
    for line in lines:
        match = FENCE.match(line)
        if fence is None and match:
            spans.extend(_inline_spans(text, inline_from, offset))
            fence, fence_start = match.group(1), offset
        elif (
            fence is not None
            and match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line.strip()[len(match.group(1)) :].strip()
        ):
            spans.append((fence_start, offset + len(line)))
            fence = None
            inline_from = offset + len(line)
        offset += len(line)
    if fence is not None:  # an unclosed fence runs to the end, as in CommonMark
        spans.append((fence_start, len(text)))
    else:
        spans.extend(_inline_spans(text, inline_from, len(text)))
    return spans


def _inline_spans(text, start, end):
    """Inline code spans in text[start:end], skipping over shortcodes (their backticks quote values)."""
    spans = []
    i = start
    while i < end:
        # jump to the next opener or backtick (an opener may run past end, as startswith allowed)
        found = NEXT_SPECIAL.search(text, i, end + 2)
        if found is None or found.start() >= end:
            break
        i = found.start()
        if text.startswith(OPENERS, i):
            close = _skip_tag(text, i, end)
            i = close if close else i + 3
            continue
        if text[i] == "`":
            run = len(text[i:end]) - len(text[i:end].lstrip("`"))
            ticks = "`" * run
            j = i + run
            while True:
                k = text.find(ticks, j, end)
                if k < 0:
                    break
                if text[k + run : k + run + 1] != "`" and (k == 0 or text[k - 1] != "`"):
                    break
                j = k + 1
            if k >= 0 and "\n\n" not in text[i:k]:
                spans.append((i, k + run))
                i = k + run
                continue
            i += run
    return spans


def _skip_tag(text, i, end):
    """End offset of the shortcode tag at i, or None if it does not parse."""
    try:
        tag = parse_tag(text, i, end)
    except ShortcodeError:
        return None
    return tag.end


def line_at(text, offset):
    return text.count("\n", 0, offset) + 1


def parse_tag(text, i, end=None):
    """Parse the tag that starts at text[i] (``{{<`` or ``{{%``)."""
    end = len(text) if end is None else end
    form = text[i + 2]
    closer = CLOSER[form]
    line = line_at(text, i)
    j = _skip_ws(text, i + 3, end)
    if text.startswith("/*", j):
        k = text.find("*/", j)
        if k < 0:
            raise ShortcodeError(
                line,
                None,
                "comment escape '{{" + form + "/*' is not closed with '*/" + closer + "'",
            )
        k2 = _skip_ws(text, k + 2, end)
        if not text.startswith(closer, k2):
            raise ShortcodeError(line, None, f"comment escape is not closed with '*/{closer}'")
        return Tag("escape", form, "", line, i, k2 + 3)
    kind = "open"
    if text.startswith("/", j):
        kind = "close"
        j = _skip_ws(text, j + 1, end)
    match = NAME.match(text, j, end)
    if not match:
        raise ShortcodeError(line, None, f"expected a shortcode name after '{{{{{form}'")
    name = match.group(0)
    j = match.end()
    args, params = [], {}
    while True:
        j = _skip_ws(text, j, end)
        if j >= end:
            raise ShortcodeError(line, name, f"not closed: add '{closer}' after its arguments")
        if text.startswith(closer, j):
            return Tag(kind, form, name, line, i, j + 3, args, params)
        if text.startswith("/" + closer, j):
            if kind == "close":
                raise ShortcodeError(
                    line,
                    name,
                    f"a closing tag cannot also be self-closing: write '{{{{{form} /{name} {closer}'",
                )
            return Tag("self", form, name, line, i, j + 4, args, params)
        other = CLOSER["%" if form == "<" else "<"]
        if text.startswith(other, j) or text.startswith("/" + other, j):
            raise ShortcodeError(
                line, name, f"opened with '{{{{{form}' but closed with '{other}': use '{closer}'"
            )
        if kind == "close":
            raise ShortcodeError(
                line, name, f"a closing tag takes no arguments: write '{{{{{form} /{name} {closer}'"
            )
        key = None
        keymatch = re.compile(r"([A-Za-z_][\w-]*)=").match(text, j, end)
        if keymatch:
            key = keymatch.group(1)
            j = keymatch.end()
        value, j = _value(text, j, end, line, name, closer)
        if key is None:
            if params:
                raise ShortcodeError(
                    line, name, "mixes named and positional arguments: use one kind only"
                )
            args.append(value)
        else:
            if args:
                raise ShortcodeError(
                    line, name, "mixes positional and named arguments: use one kind only"
                )
            params[key] = value


def _skip_ws(text, j, end):
    while j < end and text[j] in " \t\r\n":
        j += 1
    return j


def _value(text, j, end, line, name, closer):
    quote = text[j] if j < end else ""
    if quote == '"':
        out = []
        k = j + 1
        while k < end and text[k] != '"':
            if text[k] == "\\" and k + 1 < end:
                k += 1
            out.append(text[k])
            k += 1
        if k >= end:
            raise ShortcodeError(
                line, name, 'a value opened with " is never closed: add the closing "'
            )
        return "".join(out), k + 1
    if quote == "`":
        k = text.find("`", j + 1, end)
        if k < 0:
            raise ShortcodeError(
                line, name, "a value opened with ` is never closed: add the closing `"
            )
        return text[j + 1 : k], k + 1
    k = j
    while (
        k < end
        and text[k] not in " \t\r\n"
        and not text.startswith(closer, k)
        and not text.startswith("/" + closer, k)
    ):
        if text[k] in '"`':
            raise ShortcodeError(
                line, name, f"unexpected {text[k]!r} in an argument: quote values that contain it"
            )
        k += 1
    return text[j:k], k


def scan(text):
    """Every tag outside code, in order, plus the code spans (for unescaping)."""
    spans = code_spans(text)
    tags = []
    i = 0
    span_index = 0
    while True:
        i = _find_opener(text, i)
        if i < 0:
            break
        while span_index < len(spans) and spans[span_index][1] <= i:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= i:
            i = spans[span_index][1]
            continue
        tag = parse_tag(text, i)
        tags.append(tag)
        i = tag.end
    return tags, spans


def _find_opener(text, i):
    a, b = text.find("{{<", i), text.find("{{%", i)
    found = [x for x in (a, b) if x >= 0]
    return min(found) if found else -1


def parse(text, needs_inner=lambda name: False):
    """Split text into a list of str and Shortcode items (top level only).

    A tag with a matching closing tag later is a pair; a tag without one is
    standalone, unless ``needs_inner(name)`` says that shortcode wraps content.
    """
    tags, _spans = scan(text)
    # Pair tags with a stack: each entry is [open tag, children tags]
    stack = []
    top = []
    for tag in tags:
        if tag.kind in ("self", "escape"):
            (stack[-1][1] if stack else top).append(tag)
        elif tag.kind == "open":
            stack.append([tag, []])
        else:  # close
            names = [entry[0].name for entry in stack]
            if tag.name not in names:
                raise ShortcodeError(
                    tag.line,
                    tag.name,
                    f"closing tag without an opening '{{{{{tag.form} {tag.name} {CLOSER[tag.form]}' before it",
                )
            while stack[-1][0].name != tag.name:
                _standalone(stack, top, needs_inner)
            opener, _children = stack.pop()
            if opener.form != tag.form:
                raise ShortcodeError(
                    tag.line,
                    tag.name,
                    f"opened with '{{{{{opener.form}' on line {opener.line} but closed with '{{{{{tag.form}': use the same form",
                )
            pair = (opener, tag)
            (stack[-1][1] if stack else top).append(pair)
    while stack:
        _standalone(stack, top, needs_inner)
    return _items(text, top, 0, len(text))


def _standalone(stack, top, needs_inner):
    opener, children = stack.pop()
    if needs_inner(opener.name):
        raise ShortcodeError(
            opener.line,
            opener.name,
            f"is never closed: add '{{{{{opener.form} /{opener.name} {CLOSER[opener.form]}' after its content "
            f"(or write '{{{{{opener.form} {opener.name} /{CLOSER[opener.form]}')",
        )
    parent = stack[-1][1] if stack else top
    parent.append(opener)
    parent.extend(children)


def _items(text, nodes, start, end):
    out = []
    pos = start
    for node in nodes:
        if isinstance(node, tuple):
            opener, closer = node
            first = opener.start
            sc = Shortcode(
                opener.name,
                opener.form,
                opener.line,
                opener.args,
                opener.params,
                inner=text[opener.end : closer.start],
                inner_line=line_at(text, opener.end),
                start=opener.start,
                end=closer.end,
            )
        elif node.kind == "escape":
            first = node.start
            sc = None
        else:
            first = node.start
            sc = Shortcode(
                node.name,
                node.form,
                node.line,
                node.args,
                node.params,
                start=node.start,
                end=node.end,
            )
        if first > pos:
            out.append(text[pos:first])
        if sc is None:
            out.append(("escape", unescape(text[node.start : node.end])))
            pos = node.end
        else:
            out.append(sc)
            pos = sc.end
    if pos < end:
        out.append(text[pos:end])
    return out
