"""The fields of each block type, and the checks that turn front matter into blocks.

A block is a mapping with ``type`` and that type's fields (docs/blocks.md lists them). A type
with a template and no entry here (a site's own block) gets its fields as written, with
``text`` and ``subtitle`` rendered as Markdown.
"""

import re


class Markdown(str):
    """Text to render as Markdown (``inline``: without a wrapping paragraph), from ``line``."""

    def __new__(cls, text, line, inline=False):
        value = super().__new__(cls, text)
        value.line, value.inline = line, inline
        return value


def text(value):
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip(), None
    return None, "must be text"


def markdown(inline):
    def check(value):
        value, problem = text(value)
        return (None if problem else (value, inline)), problem

    check.markdown = True
    return check


def anchor(value):
    value, problem = text(value)
    if problem or not re.fullmatch(r"[A-Za-z][\w-]*", value):
        return None, "must be a word of letters, digits, '-' or '_' (the block's #anchor)"
    return value, None


def action(value):
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("text"), str)
        or not isinstance(value.get("url"), str)
        or not value["text"].strip()
        or not value["url"].strip()
    ):
        return None, "must be a mapping with 'text' and 'url', e.g. {text: Join us, url: /join/}"
    extra = sorted(set(value) - {"text", "url"})
    if extra:
        return None, f"has unknown keys {extra}: an action has only 'text' and 'url'"
    return {"text": value["text"].strip(), "url": value["url"].strip()}, None


def count(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None, "must be a whole number, 0 or more (0: every page)"
    return value, None


def items(fields, required):
    """A list of mappings, each with ``fields`` (those in ``required`` must be there)."""

    def check(value):
        if not isinstance(value, list):
            return None, "must be a list of items (each line starting with '- ')"
        return value, None

    check.fields, check.required = fields, required
    return check


MARKDOWN = markdown(inline=False)
INLINE = markdown(inline=True)
COMMON = {"type": text, "id": anchor, "title": text}
FIELDS = {
    "hero": {
        "text": MARKDOWN,
        "image": text,
        "image_alt": text,
        "background": text,
        "primary_action": action,
        "secondary_action": action,
    },
    "features": {
        "subtitle": INLINE,
        "items": items(
            {"name": text, "description": INLINE, "icon": text, "icon_alt": text}, ("name",)
        ),
    },
    "cta": {"text": MARKDOWN, "button": action},
    "markdown": {"subtitle": INLINE, "text": MARKDOWN},
    "logos": {
        "subtitle": INLINE,
        "section": text,
        "items": items({"image": text, "name": text, "url": text}, ("image", "name")),
    },
    "collection": {
        "subtitle": INLINE,
        "section": text,
        "tag": text,
        "count": count,
        "more": action,
    },
}
REQUIRED = {"hero": ("title",), "cta": ("button",)}
FALLBACK = "markdown"  # how a block of an unknown type is shown


class Problems:
    """``(line, message)`` errors and warnings of one page's blocks."""

    def __init__(self):
        self.errors, self.warnings = [], []


def check_blocks(value, known, places, problems):
    """The page's blocks, checked: a list of dicts (``type``, ``template``, fields)."""
    if not isinstance(value, list):
        problems.errors.append(
            (
                places.blocks_line,
                "'blocks' must be a list of blocks, each starting with '- type: NAME'",
            )
        )
        return []
    out = []
    for index, raw in enumerate(value):
        line = places.block(index)
        errors_before = len(problems.errors)
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("type"), str)
            or not raw["type"].strip()
        ):
            problems.errors.append(
                (line, f"block {index + 1} needs 'type:' (one of: {', '.join(known)})")
            )
            continue
        kind = raw["type"].strip()
        if kind not in known:
            problems.warnings.append(
                (
                    line,
                    f'block type "{kind}" is not known; rendered as Markdown '
                    f"(known: {', '.join(known)})",
                )
            )
            raw = {"type": kind, "title": raw.get("title"), "text": raw.get("text")}
            block = check_fields(
                raw, COMMON | FIELDS[FALLBACK], (), index, places, problems, lenient=True
            )
            block["template"] = f"blocks/{FALLBACK}.html"
        else:
            fields = COMMON | FIELDS.get(kind, {"text": MARKDOWN, "subtitle": INLINE})
            block = check_fields(
                raw,
                fields,
                REQUIRED.get(kind, ()),
                index,
                places,
                problems,
                lenient=kind not in FIELDS,
            )
            block["template"] = f"blocks/{kind}.html"
        if len(problems.errors) == errors_before:  # a block with a wrong field is left out
            block["type"], block["index"], block["line"] = kind, index, line
            out.append(block)
    return out


def check_fields(raw, fields, required, index, places, problems, lenient=False, item=None):
    """Each field through its check; ``lenient``: fields of no known kind pass as written."""
    out = {}
    where = (
        f"block {index + 1} ({raw.get('type')})"
        if item is None
        else f"block {index + 1}, item {item + 1}"
    )
    for key in required:
        if raw.get(key) in (None, ""):
            problems.errors.append(
                (
                    places.field(index, key, item) if item is not None else places.block(index),
                    f"{where} needs '{key}'",
                )
            )
    for key, value in raw.items():
        key = str(key).lower()
        check = fields.get(key)
        if value is None or (value == "" and key not in required):
            continue
        line = places.field(index, key, item)
        if check is None:
            if lenient:
                out[key] = value
            else:
                problems.errors.append(
                    (
                        line,
                        f"{where}: '{key}' is not a field of this block type "
                        f"(fields: {', '.join(sorted(fields))})",
                    )
                )
            continue
        clean, problem = check(value)
        if problem:
            problems.errors.append((line, f"{where}: '{key}' {problem}"))
            continue
        if getattr(check, "markdown", False):
            clean = Markdown(clean[0], line, inline=clean[1])
        elif hasattr(check, "fields"):
            clean = check_items(clean, check, index, places, problems)
        out[key] = clean
    return out


def check_items(value, check, index, places, problems):
    out = []
    for number, raw in enumerate(value):
        if not isinstance(raw, dict):
            problems.errors.append(
                (
                    places.item(index, number),
                    f"block {index + 1}, item {number + 1} must be a "
                    f"mapping of {', '.join(check.fields)}",
                )
            )
            continue
        out.append(
            check_fields(raw, check.fields, check.required, index, places, problems, item=number)
        )
    return out
