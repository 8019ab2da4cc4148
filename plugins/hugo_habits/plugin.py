"""Authoring habits from the Hugo site that keep working here.

Signal ``initialized``: folders whose name starts with ``_`` (``_templates/``, the
importer's ``_sections/``) are excluded from posts, pages and static files; they hold
material for authors, not pages (``_index.md`` files still count).

Signal ``content_object_init`` (each post and page as it is read):
- featured images: ``image`` normalised to a path (see featured.py), plus
  ``image_alt``, ``featured_image`` and ``show_image`` for the theme;
- ``external_link: URL``: the post is a pointer to an article elsewhere; its
  ``external_link`` attribute is set (cards link there) and its own page says so
  and links out, so the old /blog/SLUG/ address keeps answering.
"""

import logging
import os
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from pelican import signals
from pelican.contents import Article, Page

from sitelib import upstream
from sitelib.inline import render_inline
from sitelib.paths import display_path

from .featured import featured_image

logger = logging.getLogger(__name__)


def normalise(content):
    if not isinstance(content, (Article, Page)):
        return
    media = os.path.join(content.settings["PATH"], "static", "media")
    image, alt, caption, show, problem = featured_image(
        content.metadata, content.source_path, media
    )
    if problem:
        line = content.metadata.get("source_lines", {}).get(
            "image", content.metadata.get("source_line", 1)
        )
        logger.warning("%s:%d: %s", display_path(content.source_path), line, problem)
    content.image = content.featured_image = image
    content.image_alt = alt
    content.image_caption = Markup(render_inline(caption)) if caption else ""
    content.show_image = show
    content.metadata.update(
        image=image, image_alt=alt, image_caption=content.image_caption, show_image=show
    )

    link = content.metadata.get("external_link")
    if isinstance(link, str) and link.strip():
        link = link.strip()
        content.external_link = link
        host = urlsplit(link).netloc or link
        notice = (
            f'<p class="notice external-link">This post is published elsewhere: '
            f'<a href="{escape(link)}">read it on {escape(host)}</a>.</p>\n'
        )
        upstream.set_content_html(content, notice + (upstream.content_html(content) or ""))


def exclude_underscore_folders(pelican):
    settings = pelican.settings
    root = settings["PATH"]
    found = []
    for dirpath, dirnames, _files in os.walk(root, followlinks=True):
        for name in list(dirnames):
            if name.startswith("_"):
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
                dirnames.remove(name)
            elif name.startswith("."):
                dirnames.remove(name)
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        settings[key] = list(settings.get(key) or []) + [
            f for f in found if f not in (settings.get(key) or [])
        ]


def register():
    signals.initialized.connect(exclude_underscore_folders)
    signals.content_object_init.connect(normalise)
