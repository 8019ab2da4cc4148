"""The catalog reads an image file once: a later build knows its hash by its stamp, until the
file changes."""

import os
import time

from images import catalog
from images.settings import validated
from imagesite import png_bytes, screenshot


def test_an_unchanged_image_is_not_read_again_and_a_changed_one_is(tmp_path, monkeypatch):
    cache, image = tmp_path / "cache", tmp_path / "shot.png"
    image.write_bytes(png_bytes(screenshot(600, 300)))
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(image, ns=(hour_ago, hour_ago))
    hashed = []
    real = catalog.sha256_of
    monkeypatch.setattr(catalog, "sha256_of", lambda path: hashed.append(path) or real(path))

    first = catalog.Catalog(str(cache), validated({}))
    assert first.describe(str(image))[1]["width"] == 600
    first.save()
    assert hashed == [str(image)]

    second = catalog.Catalog(str(cache), validated({}))  # the next build
    assert second.describe(str(image))[1]["width"] == 600
    assert hashed == [str(image)]

    image.write_bytes(png_bytes(screenshot(800, 300)))  # replaced: another size and time
    third = catalog.Catalog(str(cache), validated({}))
    assert third.describe(str(image))[1]["width"] == 800
    assert hashed == [str(image), str(image)]
