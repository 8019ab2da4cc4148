"""A second build makes no image; every image and card is the same, byte for byte."""

import hashlib

from imagesite import files_made

IMAGES = (".png", ".jpg", ".webp", ".gif", ".svg")


def digests(folder):
    """sha256 of every image file of the output: WebP versions, cards, originals."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.suffix in IMAGES and "theme" not in p.parts
    }


def test_second_build_makes_nothing(image_builds):
    made, cached = files_made(image_builds["first"])
    assert made > 0 and cached == 0
    assert files_made(image_builds["second"]) == (0, made)


def test_outputs_are_byte_identical(image_builds):
    root = image_builds["root"]
    first = digests(root / "first")
    assert any(name.endswith("card.png") for name in first) and "blog/pictures/screen.png" in first
    assert sum(name.endswith(".webp") for name in first) >= 5
    assert digests(root / "second") == first
    # with an empty cache, every file is made again, and comes out the same
    assert files_made(image_builds["fresh"]) == files_made(image_builds["first"])
    assert digests(root / "fresh") == first


def test_pages_are_identical(image_builds):
    root = image_builds["root"]
    for page in ("blog/pictures/index.html", "blog/plain/index.html", "index.html"):
        assert (root / "first" / page).read_bytes() == (root / "second" / page).read_bytes(), page
