"""A small blog with every kind of image the images plugin meets, drawn with Pillow."""

import io
import json
import os
import random
import re
import subprocess
import sys

from PIL import Image, ImageDraw
from sitetest import ROOT, write

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>'
MADE = re.compile(r"images: (\d+) files made, (\d+) from the cache")


def screenshot(width, height, seed=1):
    """A PNG like a screen capture: flat panels and lines of 'text'."""
    rng = random.Random(seed)
    im = Image.new("RGB", (width, height), "#f4f5f7")
    pen = ImageDraw.Draw(im)
    pen.rectangle((0, 0, width, 60), fill="#2b3a67")
    for y in range(90, height - 20, 28):
        x = 40
        while x < width - 80:
            w = rng.randint(20, 90)
            pen.rectangle((x, y, x + w, y + 12), fill=rng.choice(["#333", "#666", "#1d4ef5"]))
            x += w + 12
    return im


def png_bytes(im, **options):
    out = io.BytesIO()
    im.save(out, "PNG", **options)
    return out.getvalue()


def rotated_jpeg():
    """A JPEG stored 600 x 400 whose EXIF says: turn 90 degrees (shown 400 x 600), with a camera tag."""
    im = Image.new("RGB", (600, 400), "#c33")
    ImageDraw.Draw(im).rectangle((0, 0, 100, 400), fill="#33c")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to show
    exif[0x010F] = "Camera Maker"
    out = io.BytesIO()
    im.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def make_site(root):
    """Posts: ``pictures`` (images in the body, no featured image), ``featured`` (a featured
    image above a body image), ``plain`` (no image: a social card), ``broken`` (an unreadable PNG)."""
    write(root, "blog/2024/pictures/screen.png", png_bytes(screenshot(2000, 1250)))
    write(root, "blog/2024/pictures/photo.jpg", rotated_jpeg())
    write(root, "blog/2024/pictures/diagram.svg", SVG)
    gif = io.BytesIO()
    Image.new("P", (64, 32)).save(gif, "GIF")
    write(root, "blog/2024/pictures/anim.gif", gif.getvalue())
    write(root, "static/media/logo.png", png_bytes(screenshot(300, 100, seed=2)))
    write(
        root,
        "blog/2024/pictures/index.md",
        """---
title: Pictures of a hub
slug: pictures
date: 2024-02-01
---
Intro.

![A screenshot](screen.png)

![A photo](photo.jpg)

![A diagram](diagram.svg)

![An animation](anim.gif)

<img src="/media/logo.png" alt="Our logo">

![Elsewhere](https://example.org/remote.png)
""",
    )
    write(root, "blog/2024/featured/featured.png", png_bytes(screenshot(1600, 900, seed=3)))
    write(root, "blog/2024/featured/inline.png", png_bytes(screenshot(700, 400, seed=4)))
    write(
        root,
        "blog/2024/featured/index.md",
        """---
title: A post with a featured image
slug: featured
date: 2024-03-01
---
Text before.

![Inline](inline.png)
""",
    )
    write(
        root,
        "blog/2024/plain.md",
        """---
title: New hubs for teaching data science at many universities
slug: plain
date: 2024-01-15
---
No picture here.
""",
    )
    write(root, "blog/2024/broken/broken.png", b"\x89PNG\r\n\x1a\n this is not an image")
    write(
        root,
        "blog/2024/broken/index.md",
        """---
title: Broken
date: 2024-01-10
---
Before.

![Broken](broken.png)
""",
    )
    return root


def build(content, output, cache, conf="publishconf.py", settings=None):
    """The Pelican command line with ``-v``, so that the plugin's count of files made is printed."""
    extra = {"CACHE_PATH": str(cache), **(settings or {})}
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        str(ROOT / conf),
        "-o",
        str(output),
        "-v",
        "-e",
        *(f"{k}={json.dumps(v)}" for k, v in extra.items()),
    ]
    env = dict(os.environ, COLUMNS="400", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return result


def files_made(result):
    """(files made, files from the cache) as the plugin logged them."""
    found = MADE.search(result.stdout + result.stderr)
    assert found, "the images plugin logged no count"
    return int(found.group(1)), int(found.group(2))
