"""One fingerprint of everything a kept post depends on besides its file.

Kept posts and pages (objects.py) are keyed by their file. But what a Markdown file
turns into also depends on the plugins, the theme's shortcode templates, the
data files, the settings and the other content files: shortcodes read pages,
people and jobs (so the whole text of every content file that is not a post
counts), and links are resolved to other pages' URLs. Posts count only through
what other reads take from them: every plugin doing so answers the named signal
``fastbuild_fingerprint`` with a digest of it (the links plugin: each content
path's URL and the set of URLs, so a post's slug, aliases, draft or date). When
any of it changes, every kept post is dropped; editing one post's title or body
keeps them: only that post is read again.
"""

import hashlib
import importlib.metadata
import os
import sys

from blinker import signal

from sitelib.digests import md5_of_file

# Receivers: ``(sender, settings=...)`` -> bytes or str that change when what their
# Markdown extensions read from other content files (posts included) changes.
fingerprint_parts = signal("fastbuild_fingerprint")

# Settings that differ between two builds of the same site without changing what is read.
VOLATILE = {
    "OUTPUT_PATH",
    "FASTBUILD",
    "JINJA_ENVIRONMENT",
    "CACHE_CONTENT",
    "LOAD_CONTENT_CACHE",
    "CONTENT_CACHING_LAYER",
    "CHECK_MODIFIED_METHOD",
}
PLAIN = (str, int, float, bool, type(None))
TEXT = (".md", ".markdown", ".html", ".htm", ".yaml", ".yml", ".toml", ".json")


def plain(value):
    """A stable text form of settings values; objects (whose repr may hold an address) by type name."""
    if isinstance(value, PLAIN):
        return repr(value)
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{plain(k)}:{plain(v)}"
                for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
            )
            + "}"
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "[" + ",".join(plain(v) for v in items) + "]"
    return type(value).__qualname__


def hash_tree(digest, folder, md5, counts=lambda path: True):
    """Every file's name under ``folder``, and the bytes of those ``counts(path)`` accepts."""
    prefix = os.path.join(folder, "")
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(path[len(prefix) :].encode() + b"\0")
            if counts(path):
                digest.update(md5(path))


def versions():
    """Python and the packages that make and render content objects: the cache keeps objects
    pickled and text converted by them, so an upgrade drops it."""
    names = ("pelican", "markdown", "jinja2", "pygments", "pyyaml")
    return "|".join([sys.version, *(importlib.metadata.version(name) for name in names)])


def fingerprint(settings, md5=md5_of_file):
    """``md5(path)``: the md5 of a file's bytes (fastbuild: remembered between builds)."""
    digest = hashlib.sha256()
    digest.update(versions().encode() + b"\0")
    digest.update(plain({k: v for k, v in settings.items() if k not in VOLATILE}).encode())
    for folder in [settings.get("THEME", ""), *settings.get("PLUGIN_PATHS", [])]:
        if folder and os.path.isdir(folder):
            hash_tree(digest, folder, md5)
    # content: every file's name, and the bytes of text files other than posts (those count
    # through the receivers below)
    posts = tuple(
        os.path.join(settings["PATH"], p) + os.sep for p in settings.get("ARTICLE_PATHS", [])
    )
    hash_tree(digest, settings["PATH"], md5, lambda p: p.endswith(TEXT) and not p.startswith(posts))
    parts = fingerprint_parts.send("fastbuild", settings=settings)
    for receiver, part in sorted(parts, key=lambda rp: (rp[0].__module__, rp[0].__qualname__)):
        if part is not None:
            digest.update(f"{receiver.__module__}.{receiver.__qualname__}\0".encode())
            digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()
