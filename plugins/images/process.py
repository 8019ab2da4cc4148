"""Reading one image, and making its WebP versions with Pillow, into a cache folder.

An image is named by a key: the sha256 of its bytes, the processing parameters and
Pillow's version. Everything made from it lives in ``CACHE/KEY/``; a file already there
is never made again. WebP versions are turned as EXIF says; encoders get no metadata (no
EXIF, no text chunks, no dates): the same input gives the same bytes.
"""

import hashlib
import io
import json
import os
import re
import tempfile
import warnings
from xml.etree import ElementTree

import PIL
from PIL import Image, ImageOps

# WebP's limit: "the maximum pixel dimensions of a WebP image is 16383 x 16383"
# (https://developers.google.com/speed/webp/faq#what_is_the_maximum_size_a_webp_image_can_be)
WEBP_MAX = 16383

RESIZED = {"PNG", "JPEG", "MPO", "WEBP"}  # formats given WebP versions
SIZED_ONLY = {"GIF", "BMP", "TIFF", "ICO", "SVG"}  # width and height only, the file as it is
EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".ico", ".svg")
ORIENTATION = 0x0112
SWAPPED = (5, 6, 7, 8)  # EXIF orientations that turn the picture by 90 degrees


class Unreadable(Exception):
    """The file is not an image Pillow can decode (the message says why)."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def svg_size(path):
    """(width, height) from an SVG's root attributes or viewBox, or None when not given in pixels."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as exc:
        raise Unreadable(f"not valid SVG ({exc})") from None
    number = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")
    width, height = (number.match(root.get(k) or "") for k in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            return None
        if w > 0 and h > 0:
            return round(w), round(h)
    return None


def probe(path):
    """{"format", "width", "height"} of the picture as shown (EXIF orientation applied).

    Decodes the whole file, so a truncated or corrupt image is found here, before any page
    refers to its resized versions. Raises Unreadable."""
    if path.lower().endswith(".svg"):
        size = svg_size(path)
        return {
            "format": "SVG",
            "width": size[0] if size else None,
            "height": size[1] if size else None,
        }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                im.load()
                fmt, (width, height) = im.format, im.size
                if im.getexif().get(ORIENTATION) in SWAPPED:
                    width, height = height, width
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as exc:
        reason = (
            (str(exc) or type(exc).__name__).replace(" " + repr(path), "").replace(path, "the file")
        )
        raise Unreadable(reason) from None
    return {"format": fmt, "width": width, "height": height}


def key_of(sha, name, settings):
    """Names the folder of what is made of one file: its bytes, its name (the made files are
    named after it), the settings that change them and Pillow's version."""
    params = json.dumps(
        [sha, safe_stem(name), settings["widths"], settings["webp_quality"], PIL.__version__],
        separators=(",", ":"),
    )
    return hashlib.sha256(params.encode()).hexdigest()[:20]


def safe_stem(name):
    stem = os.path.splitext(os.path.basename(name))[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "image"


def plan(info, name, widths):
    """What is made of an image: {"webp": [(file, width, height)...]}.

    WebP versions come at each width below the largest offered (never wider than the
    original) and at it. The original stays as it is at its address, the fallback for
    browsers without WebP: Pillow's lossless PNG optimisation saved nothing on the real
    blog's screenshots, at a third of a second each."""
    width, height = info["width"], info["height"]
    largest = min(width, widths[-1])
    stem = safe_stem(name)

    def tall(w):
        return max(1, round(height * w / width))

    webp = [
        (f"{stem}-{w}.webp", w, tall(w))
        for w in [*(w for w in widths if w < largest), largest]
        if tall(w) <= WEBP_MAX
    ]
    return {"webp": webp}


def atomic_write(path, data):
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private; a web server must read it
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def colour(im):
    """RGB or RGBA, what the WebP and resized encoders take."""
    alpha = im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        im.mode == "P" and "transparency" in im.info
    )
    if im.mode in ("RGBA", "RGB") and (im.mode == "RGBA") == alpha:
        return im
    return im.convert("RGBA" if alpha else "RGB")


def webp(im, width, height, settings, icc):
    if im.size != (width, height):
        im = colour(im).resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    colour(im).save(
        out,
        "WEBP",
        quality=settings["webp_quality"],
        method=4,
        **({"icc_profile": icc} if icc else {}),
    )
    return out.getvalue()


def make(source, folder, files, settings):
    """Write into ``folder`` each of ``files`` [(name, width, height)] it lacks. Returns how
    many were made."""
    missing = [f for f in files if not os.path.exists(os.path.join(folder, f[0]))]
    if not missing:
        return 0
    with open(source, "rb") as f:
        original = f.read()
    with Image.open(io.BytesIO(original)) as opened:
        turned = ImageOps.exif_transpose(opened)
        turned.load()
    icc = turned.info.get("icc_profile")
    for name, width, height in missing:
        atomic_write(os.path.join(folder, name), webp(turned, width, height, settings, icc))
    return len(missing)
