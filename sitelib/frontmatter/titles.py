"""The title and slug a page gets when its front matter has none (the reader and the links index agree)."""

import os

from pelican.utils import slugify

TITLE_SLUG_LENGTH = 100


def title_slug(title, settings):
    """The slug a post gets from its title when it has none of its own."""
    slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    if len(slug) > TITLE_SLUG_LENGTH:
        cut = slug[: TITLE_SLUG_LENGTH + 1].rsplit("-", 1)[0]
        slug = cut if len(cut) > TITLE_SLUG_LENGTH // 2 else slug[:TITLE_SLUG_LENGTH]
    return slug


def title_from_path(relpath):
    folder = os.path.basename(os.path.dirname(relpath)) or os.path.splitext(relpath)[0]
    name = os.path.splitext(os.path.basename(relpath))[0]
    stem = folder if name in ("index", "_index") else name
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
