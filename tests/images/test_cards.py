"""Social cards: drawn on the template, at the size the card services show."""

import io

from images import cards
from images.settings import DEFAULTS
from PIL import Image, ImageChops

TEMPLATE, FONT = DEFAULTS["card_template"], DEFAULTS["card_font"]


def drawn(title, date="March 1, 2024", site="2i2c"):
    return Image.open(io.BytesIO(cards.draw(title, date, site, TEMPLATE, FONT))).convert("RGB")


def changed_box(card):
    with Image.open(TEMPLATE) as template:
        return ImageChops.difference(card, template.convert("RGB")).getbbox()


def band(card, top, bottom):
    """The box of the pixels the card changed between two heights (None: none changed)."""
    with Image.open(TEMPLATE) as template:
        return ImageChops.difference(
            card.crop((0, top, 1200, bottom)), template.convert("RGB").crop((0, top, 1200, bottom))
        ).getbbox()


def test_card_size_and_title_pixels():
    card = drawn("Hubs for teaching")
    assert card.size == (1200, 630)
    title = band(card, cards.TITLE_TOP, cards.TITLE_BOTTOM)
    assert title is not None and title[0] >= cards.MARGIN - 5
    assert band(card, cards.FOOTER_Y, 630) is not None  # the site name and date
    assert band(drawn("Hubs for teaching", date="", site=""), cards.FOOTER_Y, 630) is None


def test_long_title_wraps_inside_the_margins():
    short = band(drawn("Hubs"), cards.TITLE_TOP, cards.TITLE_BOTTOM)
    long = band(
        drawn(
            "Our community's new hubs for teaching data science across many universities, "
            "colleges and research groups in every part of the world, with a very long title indeed"
        ),
        cards.TITLE_TOP,
        cards.TITLE_BOTTOM,
    )
    assert long[3] - long[1] > 2 * (short[3] - short[1])  # several lines
    assert long[2] <= 1200 - cards.MARGIN + 2  # none runs into the right margin


def test_a_word_longer_than_a_line_is_cut():
    box = changed_box(drawn("Supercalifragilisticexpialidocious" * 3, date="", site=""))
    assert box[2] <= 1200 - cards.MARGIN + 2


def test_same_title_same_bytes_and_key():
    one = cards.draw("Same", "May 2, 2024", "2i2c", TEMPLATE, FONT)
    assert one == cards.draw("Same", "May 2, 2024", "2i2c", TEMPLATE, FONT)
    key = cards.card_key("Same", "May 2, 2024", "2i2c", TEMPLATE, FONT)
    assert key == cards.card_key("Same", "May 2, 2024", "2i2c", TEMPLATE, FONT)
    assert key != cards.card_key("Other", "May 2, 2024", "2i2c", TEMPLATE, FONT)
