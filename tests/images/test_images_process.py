"""Pure helpers of the images plugin: what is made of an image, and how."""

import pytest
from images import process
from images.settings import DEFAULTS, validated
from imagesite import png_bytes, rotated_jpeg, screenshot
from PIL import Image

from sitelib.settings import SettingsError

OPTIONS = validated({})


@pytest.mark.parametrize(
    ("width", "webp"),
    [
        (2000, [480, 720, 960, 1440]),
        (1440, [480, 720, 960, 1440]),
        (1000, [480, 720, 960, 1000]),
        (300, [300]),
    ],
)
def test_plan_never_wider_than_the_original(width, webp):
    made = process.plan(
        {"format": "PNG", "width": width, "height": width // 2}, "shot.png", DEFAULTS["widths"]
    )
    assert [(w, h) for _, w, h in made["webp"]] == [(w, w // 2) for w in webp]
    assert all(name == f"shot-{w}.webp" for name, w, _ in made["webp"])


def test_plan_drops_webp_taller_than_its_limit():
    made = process.plan({"format": "PNG", "width": 500, "height": 20000}, "long.png", [480, 960])
    assert made["webp"] == []  # 480 x 19200 and 500 x 20000 exceed 16383


def test_webp_of_a_turned_jpeg_has_no_exif(tmp_path):
    source = tmp_path / "photo.jpg"
    source.write_bytes(rotated_jpeg())
    process.make(str(source), str(tmp_path / "out"), [("photo-300.webp", 300, 450)], OPTIONS)
    with Image.open(tmp_path / "out" / "photo-300.webp") as im:
        assert im.size == (300, 450) and not im.getexif() and "exif" not in im.info


def test_files_already_made_are_not_made_again(tmp_path):
    source = tmp_path / "shot.png"
    source.write_bytes(png_bytes(screenshot(600, 300)))
    files = [("shot-480.webp", 480, 240), ("shot-600.webp", 600, 300)]
    assert process.make(str(source), str(tmp_path / "out"), files, OPTIONS) == 2
    assert process.make(str(source), str(tmp_path / "out"), files, OPTIONS) == 0


def test_unreadable_file(tmp_path):
    source = tmp_path / "bad.jpg"
    source.write_bytes(b"\xff\xd8\xff not really")
    with pytest.raises(process.Unreadable) as caught:
        process.probe(str(source))
    assert str(tmp_path) not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([480], "must be a dict"),
        ({"width": [1]}, "unknown IMAGES keys ['width']"),
        ({"widths": []}, "IMAGES['widths']"),
        ({"widths": [480, "960"]}, "IMAGES['widths']"),
        ({"webp_quality": 0}, "IMAGES['webp_quality']"),
        ({"folder": "../up"}, "IMAGES['folder']"),
        ({"eager": 0}, "IMAGES['eager']"),
        ({"cards": "yes"}, "IMAGES['cards']"),
        ({"card_font": "/no/such.ttf"}, "IMAGES['card_font']"),
    ],
)
def test_settings_errors_name_the_key(value, words):
    with pytest.raises(SettingsError) as caught:
        validated(value)
    assert str(caught.value).startswith("images: ") and words in str(caught.value)


def test_same_bytes_under_two_names_get_two_folders(tmp_path):
    from images.catalog import Catalog

    data = png_bytes(screenshot(600, 300))
    (tmp_path / "a.png").write_bytes(data)
    (tmp_path / "b.png").write_bytes(data)
    catalog = Catalog(str(tmp_path / "cache"), OPTIONS)
    a, b = (
        catalog.image(str(tmp_path / "a.png"), "a.png"),
        catalog.image(str(tmp_path / "b.png"), "b.png"),
    )
    assert (
        a["key"] != b["key"]
        and a["plan"]["webp"][0][0] == "a-480.webp"
        and b["plan"]["webp"][0][0] == "b-480.webp"
    )
    assert catalog.image(str(tmp_path / "a.png"), "a.png")["key"] == a["key"]
