"""Images shaped like those of 2i2c's blog of 2023-2026, drawn with Pillow from a fixed seed.

That blog carried 124 images over 155 posts (0.8 a post), 36 MB in all (0.27 MB a post),
14 of them over 1 MB: nearly all PNG screenshots, a few JPEG photos. :func:`synthetic_images`
draws such a mix; :func:`post_images` spreads it over any number of posts, every image a
distinct file (the pool's pixels with a numbered comment chunk: a content-keyed image cache
sees each as new, and each is decoded, resized and encoded like the real ones).
"""

import io
import random
import struct
import zlib

IMAGES_PER_POST = 0.8
LARGE_SHARE = 1 / 9  # 14 of 124 images were over 1 MB
PHOTO_SHARE = 0.06  # JPEG photos; the rest are PNG screenshots
POOL = 124  # distinct pictures drawn; more images are numbered copies of these


def screenshot(rng, width, height, noisy_rows):
    """A PNG screen capture: a title bar, lines of 'text', and noisy_rows rows of smooth noise
    (what makes real screenshots of maps, plots and photos weigh what they do)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (width, height), rng.choice(["#ffffff", "#f4f5f7", "#1e1e1e"]))
    pen = ImageDraw.Draw(im)
    pen.rectangle((0, 0, width, 48), fill=rng.choice(["#2b3a67", "#24292f", "#f26522"]))
    for y in range(70, height - 20, 26):
        x = 24
        while x < width - 60:
            w = rng.randint(16, 110)
            pen.rectangle(
                (x, y, x + w, y + 11), fill=rng.choice(["#333333", "#777777", "#1d4ef5", "#0a7d32"])
            )
            x += w + 10
    if noisy_rows:  # noise drawn at a third of the size and enlarged: smooth, like a photo or a map
        small = (width // 3, max(1, noisy_rows // 3))
        noise = Image.frombytes("RGB", small, rng.randbytes(small[0] * small[1] * 3))
        im.paste(
            noise.resize((width, noisy_rows), Image.Resampling.BICUBIC), (0, height - noisy_rows)
        )
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue(), "png"


def photo(rng, width, height):
    from PIL import Image, ImageFilter

    small = Image.frombytes(
        "RGB", (width // 8, height // 8), rng.randbytes(width // 8 * (height // 8) * 3)
    )
    im = small.resize((width, height), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue(), "jpg"


def synthetic_images(count, seed=2023):
    """``count`` (bytes, extension) pairs, the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        kind = rng.random()
        if kind < PHOTO_SHARE:
            yield photo(rng, rng.choice([1600, 2000]), rng.choice([1067, 1200]))
        elif kind < PHOTO_SHARE + LARGE_SHARE:
            yield screenshot(
                rng, rng.choice([2400, 2880]), rng.choice([1500, 1800]), rng.randint(160, 230)
            )
        else:
            yield screenshot(
                rng,
                rng.choice([800, 1200, 1600, 2000]),
                rng.choice([500, 700, 900]),
                rng.randint(30, 70),
            )


def numbered(data, ext, n):
    """``data`` with a comment naming copy ``n``: the same pixels, other bytes. PNG: a tEXt
    chunk before IEND (the last 12 bytes); JPEG: a COM segment after SOI (the first 2)."""
    note = f"bench copy {n}".encode()
    if ext == "png":
        body = b"tEXt" + b"Comment\0" + note
        chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
        return data[:-12] + chunk + data[-12:]
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + data[2:]


def images_per_post(posts, seed=7):
    """How many images each of ``posts`` posts carries: 0.8 a post, spread at random (seeded)."""
    counts = [0] * posts
    rng = random.Random(seed)
    for _ in range(round(posts * IMAGES_PER_POST)):
        counts[rng.randrange(posts)] += 1
    return counts


def post_images(posts):
    """For each of ``posts`` posts, its list of (n, bytes, extension): the real blog's mix.
    Image ``n`` is the same file whatever the number of posts."""
    pool = list(synthetic_images(POOL))
    n = 0
    for count in images_per_post(posts):
        images = []
        for _ in range(count):
            data, ext = pool[n % POOL]
            images.append((n, numbered(data, ext, n) if n >= POOL else data, ext))
            n += 1
        yield images
