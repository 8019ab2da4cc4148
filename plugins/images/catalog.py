"""What each image file is, and what the build makes of it.

``Catalog.describe(path)`` gives an image's content hash, format and size: the hash is kept
by file stamp (size, modification time, inode) in ``CACHE/stamps.pickle``, so an unchanged
file is not read again, and the answer by content hash in ``CACHE/probes.json``, so an
image is decoded once, ever.
``Catalog.image(path, name)`` adds the key and the files to make (process.plan).
"""

import json
import os

from sitelib.digests import StampCache

from .process import RESIZED, Unreadable, atomic_write, key_of, plan, probe, sha256_of

PROBES = "probes.json"
STAMPS = "stamps.pickle"


class Catalog:
    def __init__(self, cache_dir, settings):
        self.cache_dir = cache_dir
        self.settings = settings
        self.by_sha = self.load()
        self.changed = False
        self.shas = StampCache(self.hashed)
        self.shas.load(os.path.join(cache_dir, STAMPS))
        self.used, self.rehashed = set(), False

    def hashed(self, path):
        self.rehashed = True
        return sha256_of(path)

    def load(self):
        try:
            with open(os.path.join(self.cache_dir, PROBES), encoding="utf-8") as f:
                data = json.load(f)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def save(self):
        if self.changed:
            text = json.dumps(self.by_sha, sort_keys=True, indent=0)
            atomic_write(os.path.join(self.cache_dir, PROBES), text.encode())
            self.changed = False
        if self.rehashed or set(self.shas.known) != self.used:  # files new, changed or gone
            os.makedirs(self.cache_dir, exist_ok=True)
            self.shas.save(os.path.join(self.cache_dir, STAMPS), paths=self.used)
            self.rehashed = False

    def describe(self, path):
        """(sha256, {"format", "width", "height"}); raises Unreadable."""
        path = os.path.abspath(path)
        sha = self.shas.value(path)
        self.used.add(path)
        if sha not in self.by_sha:
            try:
                self.by_sha[sha] = probe(path)
            except Unreadable as exc:
                self.by_sha[sha] = {"error": str(exc)}
            self.changed = True
        info = self.by_sha[sha]
        if "error" in info:
            raise Unreadable(info["error"])
        return sha, info

    def image(self, path, name):
        """The image as pages show it: {"source", "key", "format", "width", "height", "plan"};
        "key" and "plan" only for the formats that get resized versions."""
        sha, info = self.describe(path)
        found = {"source": path, **info}
        if info["format"] in RESIZED:
            found["key"] = key_of(sha, name, self.settings)
            found["plan"] = plan(info, name, self.settings["widths"])
        return found
