"""What a post or page needs from this plugin, set on it at ``content_object_init``.

- its body's ``<img>`` tags rewritten (rewrite.py);
- ``image_picture``: its featured image as templates show it (``srcset`` of its WebP
  versions, empty when it has none; ``width``, ``height``);
- ``card``: the site path of its social card (posts without an image);
- ``image_jobs``: {key: job} of the files the build makes for it (generator.py makes them).

Everything is kept on the object, so a post that fastbuild keeps from the last build
(without this signal) still tells the generator what it needs.
"""

import logging
import os

from pelican.contents import Article, Page

from sitelib import upstream
from sitelib.paths import display_path

from . import cards
from .rewrite import line_of, plain_title, rewrite, source_file, webp_srcset

logger = logging.getLogger(__name__)


def image_job(image):
    return ("image", image["key"], image["source"], image["plan"]["webp"])


def featured_shown(content):
    """As article.html decides: the featured image heads a post unless its body shows that file."""
    image = getattr(content, "image", None)
    return (
        isinstance(content, Article)
        and bool(image)
        and getattr(content, "show_image", True) is not False
        and str(image).split("/")[-1] not in (upstream.content_html(content) or "")
    )


def featured(content, catalog, jobs, problem):
    image = getattr(content, "image", None)
    if not image:
        return None
    path = source_file(str(image), content)
    if path is None:
        return None
    try:
        found = catalog.image(path, os.path.basename(path))
    except Exception as exc:  # noqa: BLE001 - an unreadable file is one warning
        problem(str(image), str(exc))
        return None
    described = {"srcset": "", "width": found.get("width"), "height": found.get("height")}
    if "plan" in found:
        siteurl = (content.settings.get("SITEURL") or "").rstrip("/")
        described["srcset"] = webp_srcset(found, siteurl, content.settings["IMAGES"]["folder"])
        jobs[found["key"]] = image_job(found)
    return described


def card(content, jobs):
    settings = content.settings
    options = settings["IMAGES"]
    if not options["cards"] or not isinstance(content, Article) or getattr(content, "image", None):
        return None
    title = plain_title(content.title)
    date = "" if content.metadata.get("undated") else str(getattr(content, "locale_date", "") or "")
    site = str(settings.get("SITENAME") or "")
    key = cards.card_key(title, date, site, options["card_template"], options["card_font"])
    jobs[key] = ("card", key, title, date, site)
    return f"/{options['folder']}/{key}/{cards.FILE}"


def prepare(content, catalog):
    """``content_object_init`` for posts and pages."""
    if not isinstance(content, (Article, Page)):
        return
    jobs = {}

    def problem(src, reason):
        logger.warning(
            "%s:%d: image %s cannot be read (%s): replace it with a PNG, JPEG, GIF or WebP file, "
            "or fix its name",
            display_path(content.source_path),
            line_of(content, src),
            src,
            reason,
        )

    before = 1 if featured_shown(content) else 0  # checked before the body changes
    content.image_picture = featured(content, catalog, jobs, problem)
    html, used = rewrite(upstream.content_html(content), content, catalog, before, problem)
    upstream.set_content_html(content, html)
    for image in used:
        if "plan" in image:
            jobs[image["key"]] = image_job(image)
    content.card = card(content, jobs)
    content.image_jobs = jobs
