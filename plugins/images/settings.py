"""The ``IMAGES`` setting: defaults in one place, checked at ``initialized``."""

import os

from sitelib.settings import SettingsError, merged, whole

THEME = os.path.join(os.path.dirname(__file__), "..", "..", "theme")

DEFAULTS = {
    "widths": [480, 720, 960, 1440],  # WebP widths offered in srcset; none wider than the original
    "webp_quality": 80,  # lossy WebP, 0-100
    # the prose column: the screen less 1.25rem each side, at most 70ch (757 px at 16 px)
    "sizes": "(min-width: 50rem) 47.5rem, calc(100vw - 2.5rem)",
    "card_sizes": "(min-width: 48rem) 23rem, calc(100vw - 2.5rem)",  # one card a row on phones, 23rem at most
    "eager": 2,  # the page's first images (featured image included) not lazy: likely on its first screen
    "folder": "resized",  # output folder of resized images and cards
    "workers": 0,  # processes for a cold build; 0 = one per available core
    "cards": True,  # draw a social card for each post without an image
    "card_template": os.path.normpath(
        os.path.join(THEME, "cards", "background.png")
    ),  # not published
    "card_font": os.path.normpath(os.path.join(THEME, "static", "fonts", "DejaVuSans-Bold.ttf")),
}


def fail(message):
    raise SettingsError("images", message)


def validated(value):
    """``IMAGES`` merged over the defaults; raises SettingsError naming the bad key."""
    conf = merged("images", "IMAGES", value, DEFAULTS)
    widths = conf["widths"]
    if not isinstance(widths, list) or not widths or not all(whole(w, 16, 8192) for w in widths):
        fail(
            "IMAGES['widths'] must be a list of pixel widths between 16 and 8192, like [480, 960, 1440]"
        )
    conf["widths"] = sorted(set(widths))
    if not whole(conf["webp_quality"], 1, 100):
        fail("IMAGES['webp_quality'] must be a whole number from 1 to 100")
    for key in ("sizes", "card_sizes", "folder", "card_template", "card_font"):
        if not isinstance(conf[key], str) or not conf[key].strip():
            fail(f"IMAGES[{key!r}] must be a non-empty string")
    folder = conf["folder"]
    if folder.strip("/") != folder or ".." in folder.split("/"):
        fail("IMAGES['folder'] must be a folder name inside the output, like 'resized'")
    if not whole(conf["eager"], 1):
        fail("IMAGES['eager'] must be a whole number of at least 1")
    if not whole(conf["workers"]):
        fail("IMAGES['workers'] must be a whole number (0: one per core)")
    if not isinstance(conf["cards"], bool):
        fail("IMAGES['cards'] must be true or false")
    for key in ("card_template", "card_font") if conf["cards"] else ():
        if not os.path.isfile(conf[key]):
            fail(f"IMAGES[{key!r}] is {conf[key]!r}, which is not a file")
    return conf
