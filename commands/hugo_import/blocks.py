"""Hugo Blox page builder sections → our front matter ``blocks:`` (docs/blocks.md).

Each Hugo Blox block becomes the block type that shows it best: ``hero`` (``cta``/``cta_alt``
become the primary and secondary actions, ``design.background.image`` its background),
``features``, ``markdown``, ``cta``, ``collection`` (a ``collection`` or a ``portfolio`` of
posts: folder, tag, count, archive link) and ``logos`` (a ``portfolio`` of another folder:
its pages' featured images). A block type we have no counterpart for keeps its title and
text as a ``markdown`` block, and the import report says so.

The parts of a Hugo Blox ``widget_page`` are still assembled into the page's Markdown body.
"""

import os
import re

HUGO_BLOX_POSTS = "blog"
ANCHOR = re.compile(r"[A-Za-z][\w-]*")


def heading(title, block_id, level=2):
    anchor = f" {{: #{block_id} }}" if block_id else ""
    return f"{'#' * level} {str(title).strip()}{anchor}"


class Converter:
    """Turns one page's sections into blocks; ``text`` adapts Markdown to ours (the importer's
    CommonMark fixes), ``media`` is the Hugo site's ``assets/media/``, ``folder`` the page's."""

    def __init__(self, text, media, folder):
        self.text, self.media, self.folder = text, media, folder
        self.unknown = []  # (index of the section, Hugo Blox block name)
        self.missing = []  # images found neither beside the page nor in assets/media/
        self.named = []  # images without alt text, named after their file

    def blocks(self, sections):
        if not isinstance(sections, list):
            return []
        out = []
        for index, section in enumerate(sections):
            if isinstance(section, dict):
                block = self.block(index, section)
                if block:
                    out.append(block)
        return out

    def block(self, index, section):
        kind = str(section.get("block") or "")
        content = section.get("content") if isinstance(section.get("content"), dict) else {}
        design = section.get("design") if isinstance(section.get("design"), dict) else {}
        convert = getattr(self, "_" + kind, None) if kind in KNOWN else None
        if convert is None:
            self.unknown.append((index, kind))
            block = {"type": "markdown", **self._texts(content, "subtitle", "text")}
        else:
            block = convert(content, design)
        head = {"type": block.pop("type")}
        if ANCHOR.fullmatch(str(section.get("id") or "")):
            head["id"] = str(section["id"])
        if plain(content.get("title")):
            head["title"] = plain(content["title"])
        return {**head, **block}

    def _hero(self, content, design):
        block = {"type": "hero", **self._texts(content, "text")}
        background = design.get("background") if isinstance(design.get("background"), dict) else {}
        for key, image in (
            ("image", content.get("image")),
            ("background", background.get("image")),
        ):
            image = image.get("filename") if isinstance(image, dict) else image
            if plain(image):
                block[key] = self.image(plain(image))
        for key, ours in (
            ("cta", "primary_action"),
            ("primary_action", "primary_action"),
            ("cta_alt", "secondary_action"),
            ("secondary_action", "secondary_action"),
        ):
            found = action(content.get(key))
            if found and ours not in block:
                block[ours] = found
        return block

    def _features(self, content, design):
        block = {"type": "features", **self._texts(content, "subtitle")}
        if plain(content.get("text")):  # ours has one text under the title
            block["subtitle"] = self.text(
                "\n\n".join(plain(content.get(key)) for key in ("subtitle", "text")).strip()
            )
        items = []
        for item in content.get("items") or []:
            if not isinstance(item, dict) or not plain(item.get("name")):
                continue
            entry = {"name": plain(item["name"])}
            if plain(item.get("description")):
                entry["description"] = self.text(str(item["description"]))
            icon = plain(item.get("icon"))
            if icon and "." in icon:  # a file; Hugo Blox's icon-font names have no counterpart here
                entry["icon"] = icon
            items.append(entry)
        block["items"] = items
        return block

    def _markdown(self, content, design):
        """A short text around one ``{{< cta >}}`` shortcode (2i2c's way to end a page) is a call to action."""
        text = plain(content.get("text"))
        calls = list(CTA_SHORTCODE.finditer(text))
        rest = CTA_SHORTCODE.sub("", text).strip()
        if (
            len(calls) == 1
            and "{{" not in rest
            and len(rest) <= CTA_TEXT_LENGTH
            and not plain(content.get("subtitle"))
        ):
            arguments = dict(ARGUMENT.findall(calls[0].group(1)))
            if arguments.get("cta_text") and arguments.get("cta_link"):
                block = {
                    "type": "cta",
                    "button": {"text": arguments["cta_text"], "url": arguments["cta_link"]},
                }
                return {**block, "text": self.text(rest)} if rest else block
        return {"type": "markdown", **self._texts(content, "subtitle", "text")}

    def _cta(self, content, design):
        block = {"type": "cta", **self._texts(content, "text")}
        found = action(content.get("button") or content.get("cta"))
        if found:
            block["button"] = found
        else:
            block["type"] = "markdown"
        return block

    def _collection(self, content, design):
        filters = content.get("filters") if isinstance(content.get("filters"), dict) else {}
        folders = filters.get("folders") or ([filters["folder"]] if filters.get("folder") else [])
        section = str(folders[0]).strip("/") if folders else HUGO_BLOX_POSTS
        count = content.get("count")
        if section != HUGO_BLOX_POSTS and not section.startswith(HUGO_BLOX_POSTS + "/"):
            return {"type": "logos", **self._texts(content, "subtitle"), "section": section}
        block = {"type": "collection", **self._texts(content, "subtitle")}
        tag = filters.get("tag")
        if plain(tag):
            block["tag"] = plain(tag)
        block["count"] = (
            count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else 3
        )
        archive = content.get("archive") if isinstance(content.get("archive"), dict) else {}
        if archive.get("enable") is not False and (archive.get("link") or archive.get("text")):
            block["more"] = {
                "text": plain(archive.get("text")) or "See all posts",
                "url": plain(archive.get("link")) or "/blog/",
            }
        return block

    _portfolio = _collection

    def _texts(self, content, *keys):
        return {
            key: self.text(self.alt_text(str(content[key])))
            for key in keys
            if plain(content.get(key))
        }

    def alt_text(self, text):
        """An ``<img>`` without ``alt`` (2i2c's "Powered by" logos) gets its file's name, so that
        the link around it has a name too; the import report lists each one to check."""

        def named(match):
            src = SRC.search(match.group(1))
            name = (
                os.path.splitext(os.path.basename(src.group(1)))[0]
                .replace("-", " ")
                .replace("_", " ")
                if src
                else ""
            )
            if not name:
                return match.group(0)
            self.named.append((src.group(1), name))
            return f'<img alt="{name}"{match.group(1)}>'

        return IMG_WITHOUT_ALT.sub(named, text)

    def image(self, name):
        """As Hugo Blox finds a block's image: beside the page, else in assets/media/ (served at /media/)."""
        if "/" in name or os.path.isfile(os.path.join(self.folder, name)):
            return name
        if not os.path.isfile(os.path.join(self.media, name)):
            self.missing.append(name)
        return "/media/" + name


IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt\s*=)([^>]*)>", re.I)
SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
CTA_SHORTCODE = re.compile(r"\{\{<\s*cta\s+(.*?)\s*/?>\}\}", re.S)
ARGUMENT = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
CTA_TEXT_LENGTH = 300  # longer text around the button stays a Markdown block
KNOWN = ("hero", "features", "markdown", "cta", "collection", "portfolio")


def plain(value):
    """A field's text, stripped; '' for anything that is not text."""
    return (
        str(value).strip()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool)
        else ""
    )


def action(value):
    if (
        isinstance(value, dict)
        and plain(value.get("url"))
        and (plain(value.get("label")) or plain(value.get("text")))
    ):
        return {
            "text": plain(value.get("label")) or plain(value.get("text")),
            "url": plain(value["url"]),
        }
    return None


def widget_part(data, body, level=2):
    """One headless part of a Hugo Blox ``widget_page`` as Markdown (None when inactive)."""
    if data.get("active") is False or str(data.get("active", "")).lower() == "false":
        return None
    parts = []
    if str(data.get("title") or "").strip():
        parts.append(heading(data["title"], data.get("id"), level))
    elif data.get("id"):
        parts.append(f'<div id="{data["id"]}"></div>')
    if data.get("subtitle"):
        parts.append(str(data["subtitle"]).strip())
    if body.strip():
        parts.append(body.strip("\n"))
    if data.get("widget") == "people" or data.get("type") == "people":
        groups = (data.get("content") or {}).get("user_groups") or []
        parts.append('{{< people groups="' + ", ".join(str(g) for g in groups) + '" >}}')
    return "\n\n".join(parts) if parts else None
