"""Social cards: a post's title, date and the site's name drawn on the card template.

The card is what ``og:image`` and ``twitter:image`` show for a post without an image of
its own. 1200 x 630 is the size Open Graph and X's ``summary_large_image`` crop to
(1.91:1; https://developer.x.com/en/docs/x-for-websites/cards/overview/summary-card-with-large-image).
"""

import hashlib
import io
import json
import os

import PIL
from PIL import Image, ImageDraw, ImageFont

from sitelib.digests import StampCache

from .process import atomic_write, sha256_of

SIZE = (1200, 630)
MARGIN = 80
TITLE_TOP, TITLE_BOTTOM = 90, 470  # the title is set inside this band, top-aligned
FOOTER_Y = 530
TITLE_SIZES = (72, 62, 54, 46)  # the largest size that fits in MAX_LINES
MAX_LINES = 5
# More characters than five lines can hold at the smallest size: a longer title is cut first,
# so the drawing costs the same for a title of any length.
MAX_CHARS = 400
INK, ACCENT, MUTED = "#0B1640", "#1D4EF5", "#4A5578"
FILE = "card.png"
FILE_SHAS = StampCache(sha256_of)  # the template's and the font's, read once per process


def card_key(title, date, site, template, font):
    """Changes with anything drawn, the template, the font and Pillow's version."""
    parts = [
        title,
        date,
        site,
        FILE_SHAS.value(template),
        FILE_SHAS.value(font),
        SIZE,
        TITLE_SIZES,
        PIL.__version__,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:20]


def wrap(text, font, width):
    """Lines of text no wider than width (a word longer than a line is cut)."""
    lines, line = [], ""
    for word in text.split():
        while font.getlength(word) > width:
            cut = longest_prefix(word, font, width)
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def longest_prefix(word, font, width):
    """The length of the longest start of word no wider than width (at least 1), by bisection."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def fitted_title(title, font_path):
    """(font, lines): the largest size at which the title fits; at the smallest, cut with an ellipsis."""
    width = SIZE[0] - 2 * MARGIN
    if len(title) > MAX_CHARS:
        title = title[:MAX_CHARS].rstrip() + "…"
    for size in TITLE_SIZES:
        font = ImageFont.truetype(font_path, size)
        lines = wrap(title, font, width)
        line_height = round(size * 1.2)
        if len(lines) <= MAX_LINES and len(lines) * line_height <= TITLE_BOTTOM - TITLE_TOP:
            return font, lines
    fitting = (TITLE_BOTTOM - TITLE_TOP) // round(size * 1.2)
    last = lines[fitting - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return font, [*lines[: fitting - 1], last + "…"]


def draw(title, date, site, template, font_path):
    """The card's PNG bytes."""
    with Image.open(template) as opened:
        card = opened.convert("RGB")
    if card.size != SIZE:
        card = card.resize(SIZE, Image.Resampling.LANCZOS)
    pen = ImageDraw.Draw(card)
    font, lines = fitted_title(title, font_path)
    line_height = round(font.size * 1.2)
    for i, line in enumerate(lines):
        pen.text((MARGIN, TITLE_TOP + i * line_height), line, font=font, fill=INK)
    small = ImageFont.truetype(font_path, 34)
    pen.text((MARGIN, FOOTER_Y), site, font=small, fill=ACCENT)
    if date:
        pen.text(
            (SIZE[0] - MARGIN, FOOTER_Y),
            date,
            font=small,
            fill=MUTED,
            anchor="la" if not site else "ra",
        )
    out = io.BytesIO()
    card.save(out, "PNG", optimize=True)
    return out.getvalue()


def make(folder, title, date, site, template, font_path):
    """Write the card into folder unless it is there. Returns how many files were made (0 or 1)."""
    path = os.path.join(folder, FILE)
    if os.path.exists(path):
        return 0
    atomic_write(path, draw(title, date, site, template, font_path))
    return 1
