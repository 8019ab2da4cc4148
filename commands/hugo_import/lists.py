"""Re-indent nested Markdown lists from CommonMark's rule to Python-Markdown's.

CommonMark (Hugo) nests a line under a list item when it is indented as far as the
item's text (2 spaces after "- ", 3 after "1. "); Python-Markdown wants 4 spaces per
level. Without this, nested lists written for Hugo come out flattened.

CommonMark also lets a list interrupt a paragraph (a bullet list, or an ordered list starting
at 1); Python-Markdown wants a blank line first, or the items stay in the paragraph's text.
"""

import re

MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( {1,4})(?=\S)")
FENCE = re.compile(r"^ *(`{3,}|~{3,})")
STEP = 4  # Python-Markdown's tab_length


def reindent_lists(text):
    out = []
    stack = []  # per open item: (column of its text in the source, column of its text in the output)
    fence = None  # (marker char, shift) while inside a fenced block
    previous_blank = True
    previous = ""
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if fence is not None:
            out.append(shift(line, fence[1]))
            match = FENCE.match(line)
            if (
                match
                and match.group(1)[0] == fence[0]
                and not line.strip()[len(match.group(1)) :].strip()
            ):
                fence = None
            previous_blank = False
            continue
        if not line.strip():
            out.append(line)
            previous_blank = True
            continue
        marker = MARKER.match(line)
        if (
            marker is not None
            and not stack
            and indent < STEP
            and interrupts(marker.group(2), previous)
        ):
            out.append("")
        previous = line
        if marker is not None and (stack or indent < STEP):
            while stack and indent < stack[-1][0]:
                stack.pop()  # not under that item's text: a sibling or an outer item
            new_indent = len(stack) * STEP
            out.append(" " * new_indent + marker.group(2) + " " + line[marker.end() :])
            stack.append((indent + len(marker.group(2)) + len(marker.group(3)), new_indent + STEP))
        elif stack and not previous_blank and indent < stack[-1][0]:
            out.append(line)  # a lazy continuation line of the item's paragraph
        else:
            while stack and indent < stack[-1][0]:
                stack.pop()
            delta = stack[-1][1] - stack[-1][0] if stack else 0
            out.append(shift(line, delta))
            match = FENCE.match(line)
            if match and (stack or indent < STEP):
                fence = (match.group(1)[0], delta)
        previous_blank = False
    return "\n".join(out)


def interrupts(marker, previous):
    """Whether a list item starting here ends the paragraph line ``previous`` (CommonMark 5.3)."""
    text = previous.strip()
    return (
        bool(text)
        and not text.startswith(("<", ">", "|", "#"))
        and not FENCE.match(previous)
        and (not marker[0].isdigit() or int(marker[:-1]) == 1)
    )


def shift(line, delta):
    if delta >= 0:
        return " " * delta + line if line.strip() else line
    strip = min(-delta, len(line) - len(line.lstrip(" ")))
    return line[strip:]
