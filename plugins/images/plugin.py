"""Signals of the images plugin.

- ``initialized``: validate ``IMAGES`` (defaults in settings.py); open the catalog of
  images in ``CACHE_PATH/images``.
- ``content_object_init``: each post's and page's ``<img>`` tags get their size, lazy
  loading and WebP versions; its featured image and social card are described (pages.py).
- ``fastbuild_fingerprint`` (named): every image file's name, size and modification time,
  so that a changed image makes fastbuild read the posts again.
- ``get_generators``: ``ImagesGenerator`` makes the files (from the cache when it can).
- ``finalized``: the catalog is saved.
"""

import hashlib
import os

from blinker import signal
from pelican import signals

from .catalog import Catalog
from .generator import ImagesGenerator, cache_folder
from .pages import prepare
from .process import EXTENSIONS
from .settings import validated

STATE = {"catalog": None}


def configure(pelican):
    settings = pelican.settings
    settings["IMAGES"] = validated(settings.get("IMAGES"))
    STATE["catalog"] = Catalog(cache_folder(settings), settings["IMAGES"])


def content_init(content):
    if STATE["catalog"] is not None and "IMAGES" in content.settings:
        prepare(content, STATE["catalog"])


def image_files_digest(sender, settings):
    digest = hashlib.sha256()
    root = settings["PATH"]
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(EXTENSIONS):
                path = os.path.join(base, name)
                st = os.stat(path)
                digest.update(
                    f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode()
                )
    return digest.hexdigest()


def get_generators(pelican):
    return ImagesGenerator


def save(pelican):
    if STATE["catalog"] is not None:
        STATE["catalog"].save()


def register():
    signals.initialized.connect(configure)
    signals.content_object_init.connect(content_init)
    signal("fastbuild_fingerprint").connect(image_files_digest)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(save)
