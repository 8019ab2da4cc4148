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

import lxml.html

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
    doc = lxml.html.document_fromstring(data)
    for element in doc.xpath("//*[@data-pagefind-ignore]"):
        if not element.xpath(STILL_READ):
            element.drop_tree()
    return sha256(lxml.html.tostring(doc))


def searchable(site):
    """``{bundle: {path: sha256 of the file}}`` for every HTML file of ``site`` with a
    ``data-pagefind-body`` element (Pagefind leaves the others out anyway)."""
    bundles = {}
    for base, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(base, name)
                with open(path, "rb") as file:
                    data = file.read()
                if MARKER in data:
                    bundles.setdefault(bundle_of(data), {})[os.path.relpath(path, site)] = sha256(data)
    return bundles
