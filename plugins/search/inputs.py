"""The searchable pages of a built site, the bundle each belongs to, and their digests.

A post goes to the bundle of its publication year (``posts-2021``), read from the
``article:published_time`` meta of the theme's ``article.html``; every other page
with a ``data-pagefind-body`` element goes to ``pages``. A page only moves when its
own date changes, so editing one post never reshuffles the others' bundles, and a
bundle holds about one year of posts however large the blog grows.
"""

import hashlib
import os
import re

MARKER = b"data-pagefind-body"
PUBLISHED = re.compile(rb'<meta property="article:published_time" content="(\d{4})-')
PAGES = "pages"
# Inside an ignored element Pagefind still reads these (meta, filters, the title and image).
STILL_READ = "descendant-or-self::*[self::h1 or self::img or @*[starts-with(name(), 'data-pagefind-') and name() != 'data-pagefind-ignore']]"


def bundle_of(data):
    year = PUBLISHED.search(data)
    return f"posts-{year.group(1).decode()}" if year else PAGES


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def searched_digest(data):
    """sha256 of the page without its ``data-pagefind-ignore`` parts (a post's links to
    its neighbours): they change when another post's title does, and Pagefind skips them."""
    kept = without_ignored(data)
    if kept is not None:
        return sha256(kept)
    import lxml.html  # noqa: PLC0415 - only for unclear pages; importing it costs every build 6 ms

    doc = lxml.html.document_fromstring(data)
    for element in doc.xpath("//*[@data-pagefind-ignore]"):
        if not element.xpath(STILL_READ):
            element.drop_tree()
    return sha256(lxml.html.tostring(doc))


IGNORE = b"data-pagefind-ignore"
# Pages with these are left to lxml: text that looks like markup, or what Pagefind reads
# even inside an ignored element (STILL_READ).
UNCLEAR = (b"<!--", b"<script", b"<style", b"<textarea", b"<template", b"<![CDATA[")
EMPTY_SCRIPT = re.compile(
    rb"<script\b[^<>]*>\s*</script>", re.I
)  # like the theme's: nothing to misread
STILL_READ_MARKS = (b"<h1", b"<img", b"data-pagefind-")
VOID = {
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"source",
    b"track",
    b"wbr",
}
TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")


def without_ignored(data):
    """The page with each ignored element cut out, found by its tags alone (lxml takes 0.4 s
    for 1000 posts); None when the page is not plain enough to be sure: lxml decides then."""
    if IGNORE not in data:
        return data
    if any(mark in EMPTY_SCRIPT.sub(b"", data) for mark in UNCLEAR):
        return None
    parts, done = [], 0
    at = data.find(IGNORE)
    while at != -1:
        start = data.rfind(b"<", done, at)
        tag = TAG_NAME.match(data, start) if start != -1 else None
        opened = data.find(b">", at)
        if tag is None or opened == -1 or b">" in data[start:at] or b"<" in data[at:opened]:
            return None  # the attribute is not in a start tag: text, or a value
        name = tag.group(1).lower()
        if name in VOID or data[opened - 1 : opened] == b"/":
            return None
        end = closing(data, name, opened + 1)
        if end is None:
            return None
        inside = data[opened + 1 : end].replace(IGNORE, b"")
        if any(mark in inside for mark in STILL_READ_MARKS):
            return None
        parts.append(data[done:start])
        done = end
        at = data.find(IGNORE, done)
    parts.append(data[done:])
    return b"".join(parts)


def closing(data, name, position):
    """Where the element opened just before ``position`` ends (past its end tag), or None."""
    tags = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])[^>]*>", re.I)
    depth = 1
    for match in tags.finditer(data, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def searchable(site, known=None, kept=()):
    """``{bundle: {path: sha256 of the file}}`` for every HTML file of ``site`` with a
    ``data-pagefind-body`` element (Pagefind leaves the others out anyway).

    The files of ``kept`` (files of the previous output that stay in it: fastbuild keeps
    the pages it did not render again) are not read: ``known`` (path -> (bundle, sha256),
    from the previous manifests) says what each is, and one missing from it was not
    searchable.
    """
    bundles = {}
    for base, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(base, name)
                relpath = os.path.relpath(path, site)
                with open(path, "rb") as file:
                    data = file.read()
                if MARKER in data:
                    bundles.setdefault(bundle_of(data), {})[relpath] = sha256(data)
    for relpath in kept or ():  # pages of the previous output that stay: as they were
        if relpath.endswith(".html") and relpath in known:
            bundle, digest = known[relpath]
            bundles.setdefault(bundle, {})[relpath] = digest
    return bundles
