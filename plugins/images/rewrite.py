"""Rewriting the ``<img>`` tags of a post or page, and describing its featured image.

Only the tags are touched (found with a regular expression, their attributes read with the
standard library's HTML parser); the rest of the HTML stays byte for byte as Markdown wrote it.
An image on another host, one inside an author's own ``<picture>``, or one with its own
``srcset`` is left as it is.
"""

import os
import re
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .process import EXTENSIONS

TAGS = re.compile(r"<picture\b[^>]*>|</picture\s*>|<img\b[^>]*>", re.IGNORECASE)
LINK_MARKERS = ("{static}", "{attach}", "{filename}")


class _TagReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs

    handle_startendtag = handle_starttag


def attributes(tag):
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return dict(reader.attrs)


def img_tag(attrs):
    parts = [
        name if value is None else f'{name}="{escape(value)}"' for name, value in attrs.items()
    ]
    return "<img " + " ".join(parts) + ">"


def source_file(src, content):
    """The content file an image address points to, or None (another host, or no such file)."""
    settings = content.settings
    src = (src or "").strip()
    base = os.path.dirname(content.source_path)
    for marker in LINK_MARKERS:
        if src.startswith(marker):
            rest = unquote(urlsplit(src[len(marker) :]).path)
            path = (
                os.path.join(settings["PATH"], rest.lstrip("/"))
                if rest.startswith("/")
                else os.path.join(base, rest)
            )
            return path if os.path.isfile(path) else None
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl and src.startswith(siteurl + "/"):
        src = src[len(siteurl) :]
    if not src or src.startswith("//") or urlsplit(src).scheme:  # another host, or data:
        return None
    path = unquote(urlsplit(src).path)
    if not path.lower().endswith(EXTENSIONS):
        return None
    if path.startswith("/"):
        candidates = []
        own = "/" + (getattr(content, "url", "") or "").lstrip("/")
        if own != "/" and path.startswith(own):
            candidates.append(os.path.join(base, path[len(own) :]))
        static_root = (settings.get("SITE") or {}).get("STATIC_ROOT", "static")
        candidates += [
            os.path.join(settings["PATH"], static_root, path[1:]),
            os.path.join(settings["PATH"], path[1:]),
        ]
    else:
        candidates = [os.path.join(base, path)]
    return next((os.path.normpath(c) for c in candidates if os.path.isfile(c)), None)


def webp_srcset(image, siteurl, folder):
    """The srcset of an image's WebP versions ("" when it has none)."""
    base = f"{siteurl}/{folder}/{image['key']}/"
    return ", ".join(f"{base}{file} {width}w" for file, width, _ in image["plan"]["webp"])


def picture(image, attrs, settings, eager, priority=False):
    """The HTML of one image: the ``<img>`` with its size and loading, inside a ``<picture>``
    with a WebP source when it has WebP versions. ``src`` stays the original's address."""
    attrs = dict(attrs)
    width, height = image.get("width"), image.get("height")
    if width and height:
        given_w, given_h = attrs.get("width"), attrs.get("height")
        if given_w and not given_h and given_w.isdigit():
            attrs["height"] = str(round(int(given_w) * height / width))
        elif given_h and not given_w and given_h.isdigit():
            attrs["width"] = str(round(int(given_h) * width / height))
        elif not given_w and not given_h:
            attrs["width"], attrs["height"] = str(width), str(height)
    if eager:
        attrs.pop("loading", None)
        if priority:
            attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    attrs.setdefault("decoding", "async")
    srcset = (
        webp_srcset(
            image, (settings.get("SITEURL") or "").rstrip("/"), settings["IMAGES"]["folder"]
        )
        if "plan" in image
        else ""
    )
    if not srcset:
        return img_tag(attrs)
    source = f'<source type="image/webp" srcset="{escape(srcset)}" sizes="{escape(settings["IMAGES"]["sizes"])}">'
    return f"<picture>{source}{img_tag(attrs)}</picture>"


def line_of(content, src):
    """The line of the source file that names the image (its file name), else the first."""
    try:
        with open(content.source_path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return 1
    name = os.path.basename(unquote(urlsplit(src).path)) or src
    at = text.find(name)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def rewrite(html, content, catalog, before, problem):
    """(new HTML, [image dicts used]). ``before``: images the page shows above its body (0 or 1);
    the page's first ``IMAGES["eager"]`` images are not lazy, and its very first is fetched first.
    ``problem(src, message)`` is told of each unreadable file."""
    if not html or "<img" not in html.lower():
        return html, []
    settings = content.settings
    used, pieces, last, depth, position = [], [], 0, 0, before
    for match in TAGS.finditer(html):
        tag = match.group(0)
        lowered = tag[:9].lower()
        if lowered.startswith("<picture"):
            depth += 1
            continue
        if lowered.startswith("</picture"):
            depth = max(0, depth - 1)
            continue
        eager, priority, position = (
            position < settings["IMAGES"]["eager"],
            position == 0,
            position + 1,
        )
        attrs = attributes(tag)
        if depth or "srcset" in attrs:
            continue
        path = source_file(attrs.get("src"), content)
        if path is None:
            continue
        try:
            image = catalog.image(path, os.path.basename(path))
        except Exception as exc:  # noqa: BLE001 - any unreadable file is one warning, never a failed build
            problem(attrs.get("src"), str(exc))
            continue
        used.append(image)
        pieces += [html[last : match.start()], picture(image, attrs, settings, eager, priority)]
        last = match.end()
    if not used:
        return html, []
    pieces.append(html[last:])
    return "".join(pieces), used


def plain_title(title):
    return unescape(re.sub(r"<[^>]+>", "", str(title or ""))).strip()
