"""What each image file is, and what the build makes of it.

``Catalog.describe(path)`` gives an image's content hash, format and size; the answer is
kept by file (size and modification time) for this process and by content hash in
``CACHE/probes.json`` between builds, so an unchanged image is decoded once, ever.
``Catalog.image(path, name)`` adds the key and the files to make (process.plan).
"""

import json
import os

from .process import RESIZED, Unreadable, atomic_write, key_of, plan, probe, sha256_of

PROBES = "probes.json"


class Catalog:
    def __init__(self, cache_dir, settings):
        self.cache_dir = cache_dir
        self.settings = settings
        self.by_stat = {}
        self.by_sha = self.load()
        self.changed = False

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

    def describe(self, path):
        """(sha256, {"format", "width", "height"}); raises Unreadable."""
        st = os.stat(path)
        stamp = (os.path.abspath(path), st.st_size, st.st_mtime_ns)
        if stamp not in self.by_stat:
            sha = sha256_of(path)
            if sha not in self.by_sha:
                try:
                    self.by_sha[sha] = probe(path)
                except Unreadable as exc:
                    self.by_sha[sha] = {"error": str(exc)}
                self.changed = True
            self.by_stat[stamp] = sha
        sha = self.by_stat[stamp]
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
