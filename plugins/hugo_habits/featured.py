"""The featured image, as Hugo Blox authors give it.

``image:`` may be a path, or a mapping (``filename``, ``alt_text``, ``caption``,
``preview_only``...); without one, the bundle's first image file with "featured" in its
name (featured.png, featured-logo.jpg) is the image, as Hugo Blox's ``GetMatch "*featured*"``.
Themes read: ``image`` (path, relative to the page or absolute), ``image_alt``,
``image_caption`` (HTML from the Markdown caption, often a photo credit) and
``show_image`` (False when ``preview_only``: shown on cards, not on the page).
"""

import os

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
BUNDLE_INDEXES = ("index.md", "_index.md")


def truthy(value):
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)


def bundle_featured(source_path):
    if os.path.basename(source_path) not in BUNDLE_INDEXES:
        return None
    try:
        names = os.listdir(os.path.dirname(source_path))
    except OSError:
        return None
    return min(
        (n for n in names if "featured" in n.lower() and n.lower().endswith(IMAGE_EXTENSIONS)),
        default=None,
    )


def featured_image(metadata, source_path, media_folder=None):
    """(image path or None, alt text, caption (Markdown) or "", show on the page, a problem or None).

    As Hugo Blox looks for it: the bundle's ``*featured*`` image, else ``image.filename`` in the
    bundle, else in ``assets/media/`` (``media_folder``: where the importer put it, served at /media/).
    """
    image = metadata.get("image")
    alt = metadata.get("image_alt") or ""
    if (
        not image
    ):  # what other Hugo themes call it: Ananke, PaperMod (cover), Hugo's own og:image (images)
        cover = metadata.get("cover") if isinstance(metadata.get("cover"), dict) else {}
        images = metadata.get("images") if isinstance(metadata.get("images"), list) else []
        image = (
            metadata.get("featured_image") or cover.get("image") or (images[0] if images else None)
        )
        alt = alt or str(cover.get("alt") or "")
        if not isinstance(image, str):
            image = None
    caption = ""
    show = True
    if image is not None and not isinstance(image, (str, dict)):
        return (
            bundle_featured(source_path),
            str(alt),
            caption,
            show,
            (
                "'image' must be a file name or a mapping with 'filename', not a list or number: fix it"
            ),
        )
    if isinstance(image, dict):
        show = not truthy(image.get("preview_only"))
        alt = image.get("alt_text") or image.get("alt") or alt
        caption = str(image.get("caption") or "")
        image = str(image.get("filename") or "") or None
        if (
            image
            and "/" not in image
            and not os.path.isfile(os.path.join(os.path.dirname(source_path), image))
        ):
            found = bundle_featured(source_path)
            if found:
                image = found
            elif media_folder and os.path.isfile(os.path.join(media_folder, image)):
                image = "/media/" + image
            else:
                return (
                    None,
                    str(alt),
                    caption,
                    show,
                    (
                        f"image '{image}' is neither in this page's folder nor in "
                        "static/media/: add the file, or fix image.filename"
                    ),
                )
    if not image:
        image = bundle_featured(source_path)
    return (str(image) if image else None), str(alt), caption, show, None
