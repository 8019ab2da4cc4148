"""The ``IMAGES`` setting: defaults in one place, checked at ``initialized``."""

import os

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


class ImagesSettingsError(SystemExit):
    """Stops the build with its message, like a wrong setting of any plugin."""


def whole(value, low, high=None):
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and value >= low
        and (high is None or value <= high)
    )


def validated(value):
    """``IMAGES`` merged over the defaults; raises ImagesSettingsError naming the bad key."""
    value = {} if value is None else value
    if not isinstance(value, dict):
        raise ImagesSettingsError(f"images: IMAGES must be a dict, not {type(value).__name__}")
    unknown = sorted(set(value) - set(DEFAULTS))
    if unknown:
        raise ImagesSettingsError(
            f"images: unknown IMAGES key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **value}
    widths = merged["widths"]
    if not isinstance(widths, list) or not widths or not all(whole(w, 16, 8192) for w in widths):
        raise ImagesSettingsError(
            "images: IMAGES['widths'] must be a list of pixel widths between 16 and 8192, "
            "like [480, 960, 1440]"
        )
    merged["widths"] = sorted(set(widths))
    if not whole(merged["webp_quality"], 1, 100):
        raise ImagesSettingsError(
            "images: IMAGES['webp_quality'] must be a whole number from 1 to 100"
        )
    for key in ("sizes", "card_sizes", "folder", "card_template", "card_font"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise ImagesSettingsError(f"images: IMAGES[{key!r}] must be a non-empty string")
    folder = merged["folder"]
    if folder.strip("/") != folder or ".." in folder.split("/"):
        raise ImagesSettingsError(
            "images: IMAGES['folder'] must be a folder name inside the output, like 'resized'"
        )
    if not whole(merged["eager"], 1):
        raise ImagesSettingsError("images: IMAGES['eager'] must be a whole number of at least 1")
    if not whole(merged["workers"], 0):
        raise ImagesSettingsError(
            "images: IMAGES['workers'] must be a whole number (0: one per core)"
        )
    if not isinstance(merged["cards"], bool):
        raise ImagesSettingsError("images: IMAGES['cards'] must be true or false")
    if merged["cards"]:
        for key in ("card_template", "card_font"):
            if not os.path.isfile(merged[key]):
                raise ImagesSettingsError(
                    f"images: IMAGES[{key!r}] is {merged[key]!r}, which is not a file"
                )
    return merged
