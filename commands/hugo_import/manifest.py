"""What the last import wrote, with a hash per file, so a second run changes nothing
and a file edited by hand since then is never overwritten silently."""

import hashlib
import json
import os

from sitelib.atomic import replacing

NAME = ".hugo-import.json"
VERSION = 1


def digest(data):
    return hashlib.sha256(data).hexdigest()


class Manifest:
    def __init__(self, dest):
        self.path = os.path.join(dest, NAME)
        self.files = {}
        if os.path.exists(self.path):
            with open(self.path, encoding="utf-8") as f:
                saved = json.load(f)
            if saved.get("version") == VERSION:
                self.files = dict(saved.get("files", {}))

    def save(self, source):
        with replacing(self.path, "w", encoding="utf-8") as f:
            json.dump(
                {"version": VERSION, "source": source, "files": dict(sorted(self.files.items()))},
                f,
                indent=1,
            )
