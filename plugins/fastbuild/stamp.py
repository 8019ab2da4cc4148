"""One fingerprint of everything a cached read depends on besides the file itself.

Pelican's content cache is keyed by each file's hash. But what a Markdown file
turns into also depends on the plugins, the theme's shortcode templates, the
data files, the settings and which other files exist (links are resolved
against them). When any of those change, the whole cache is dropped.
"""

import hashlib
import os

# Settings that differ between two builds of the same site without changing what is read.
VOLATILE = {
    "OUTPUT_PATH", "FINAL_OUTPUT_PATH", "FASTBUILD", "JINJA_ENVIRONMENT",
    "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CONTENT_CACHING_LAYER", "CHECK_MODIFIED_METHOD",
}
PLAIN = (str, int, float, bool, type(None))


def plain(value):
    """A stable text form of settings values; objects (whose repr may hold an address) by type name."""
    if isinstance(value, PLAIN):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{plain(k)}:{plain(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "[" + ",".join(plain(v) for v in items) + "]"
    return type(value).__qualname__


def hash_tree(digest, folder, names_only=False):
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            if not names_only:
                with open(path, "rb") as f:
                    digest.update(hashlib.md5(f.read()).digest())


def fingerprint(settings):
    digest = hashlib.sha256()
    digest.update(plain({k: v for k, v in settings.items() if k not in VOLATILE}).encode())
    for folder in [settings.get("THEME", "")] + list(settings.get("PLUGIN_PATHS", [])):
        if folder and os.path.isdir(folder):
            hash_tree(digest, folder)
    content = settings["PATH"]
    data = os.path.join(content, "data")
    if os.path.isdir(data):
        hash_tree(digest, data)
    hash_tree(digest, content, names_only=True)
    return digest.hexdigest()
