"""A Markdown reader that understands Hugo-style front matter.

It maps the fields 2i2c authors already use onto Pelican's metadata and
renders the body with Python-Markdown. Markdown extensions installed by other
plugins (shortcodes, links) find the file being read in ``md.page``.
"""

import datetime
import html
import math
import os
import re

from markdown import Markdown
from pelican.contents import Article, Page
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from sitelib.frontmatter import fields
from sitelib.frontmatter.inline import speed_up
from sitelib.frontmatter.parse import ContentError, split
from sitelib.frontmatter.titles import title_from_path, title_slug
from sitelib.inline import render_inline
from sitelib.pageinfo import PageInfo
from sitelib.paths import display_path

WORDS_PER_MINUTE = 220
MORE = "<!--more-->"
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAGS = re.compile(r"<[^>]+>")


def is_article(relpath, settings):
    return any(
        relpath == p or relpath.startswith(p.rstrip("/") + "/")
        for p in settings.get("ARTICLE_PATHS", [])
    )


class FrontMatterReader(MarkdownReader):
    """Reads ``.md`` files with YAML (``---``) or TOML (``+++``) front matter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extensions = self.settings["MARKDOWN"]["extensions"]
        if "markdown.extensions.meta" in extensions:
            extensions.remove("markdown.extensions.meta")
        self._idle_md = None

    def markdown(self):
        """A Markdown converter for one file. Building one costs as much as converting a short
        post, so one is kept and reset between files (a fresh one if a read is nested in a read)."""
        md, self._idle_md = self._idle_md, None
        return md or speed_up(Markdown(**self.settings["MARKDOWN"]))

    def read(self, source_path):
        shown = display_path(source_path)
        relpath = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        with pelican_open(source_path) as text:
            front, body = split(text, shown)
        problems = []
        metadata = self.map_fields(front, shown, relpath, problems)

        md = self.markdown()
        md.page = PageInfo(source_path, relpath, front, metadata, self.settings)
        try:
            content = md.convert(body)
        finally:
            self._idle_md = md.reset()
        problems += [(shown, line, message) for line, message in md.page.problems]
        for line, message in md.page.warnings:
            self.logger_warning(shown, line, message)
        if problems:
            raise ContentError(sorted(problems, key=lambda p: p[1]))

        if "summary" not in metadata:
            if MORE in content:  # Hugo's manual summary: what comes before the marker
                metadata["summary"] = content.split(MORE, 1)[0].strip()
            else:
                match = FIRST_PARAGRAPH.search(content)
                if match:
                    metadata["summary"] = match.group(1).strip()
        words = len(TAGS.sub(" ", content).split())
        metadata["word_count"] = words
        metadata["reading_time"] = max(1, math.ceil(words / WORDS_PER_MINUTE))
        return content, metadata

    @staticmethod
    def logger_warning(shown, line, message):
        import logging  # noqa: PLC0415

        logging.getLogger(__name__).warning("%s:%d: %s", shown, line, message)

    def map_fields(self, front, shown, relpath, problems):
        """Turn raw front matter into Pelican metadata, as Hugo reads it (fields.py), collecting problems."""
        found = fields.normalize(front.data)
        data, meta = found.data, {}
        # A section's _index.md under blog/ is the blog's intro (blog plugin), not a dated post.
        article = is_article(relpath, self.settings) and not relpath.endswith("/_index.md")
        for line, message in front.warnings:
            self.logger_warning(shown, line, message)
        for key, message in found.warnings:
            self.logger_warning(shown, front.line_of(key), message)
        problems += [(shown, front.line_of(key), message) for key, message in found.problems]

        title = data.pop("title", None)
        if title:
            meta["title"] = title
        elif "name" not in data:  # people have a name instead
            meta["title"] = title_from_path(relpath)
            if article:
                self.logger_warning(
                    shown,
                    front.first_line,
                    f"no 'title': Hugo shows this post without one; "
                    f"it is called '{meta['title']}' here: add 'title: Your post title'",
                )

        if "date" in data:
            meta["date"] = data.pop("date")
        elif article:
            # Hugo dates it 0001-01-01 and lists it last; a post nobody dated is better left out of lists.
            meta["date"] = UNDATED
            meta["undated"] = True
            meta["status"] = "hidden"
            self.logger_warning(
                shown,
                front.line_of("date"),
                "no date Hugo can read: the post is published at its "
                "address but left out of the blog's lists and feeds; add 'date: 2024-05-31' to list it",
            )
        for key, target in (
            ("lastmod", "modified"),
            ("publishdate", "publish_date"),
            ("expirydate", "expiry_date"),
        ):
            if key in data:
                meta[target] = data.pop(key)

        if "slug" in data:
            meta["slug"] = data.pop("slug")
        elif meta.get("title") and article:
            meta["slug"] = title_slug(meta["title"], self.settings)
        if "url" in data:
            url = data.pop("url").lstrip("/")
            meta["url"] = url
            meta["save_as"] = url + "index.html" if url.endswith("/") or not url else url
            meta["url"] = url

        for key in ("tags", "authors"):
            if key in data:
                meta[key] = self.process_metadata(key, data.pop(key))
        if "categories" in data:
            meta["categories"] = [
                self.process_metadata("category", v) for v in data.pop("categories")
            ]
            meta["category"] = meta["categories"][0]

        if "summary" in data:
            meta["summary"] = render_inline(data.pop("summary"))
        build = data.pop("build", {})
        if build.get("render") == "never":
            meta["status"] = "skip"  # Hugo never writes it
        elif build.get("list") == "never":
            meta["status"] = "hidden"

        for key in ("template", "status", "lang", "save_as"):
            if key in data and not isinstance(data[key], str):
                problems.append((shown, front.line_of(key), f"'{key}' must be text"))
                data.pop(key)
        status = data.get("status")
        if status is not None and status not in ("published", "hidden", "draft"):
            self.logger_warning(
                shown,
                front.line_of("status"),
                f"'status: {status}' means nothing here (Hugo has "
                "no status either); use draft: true to hold a post back, or remove it",
            )
            data.pop("status")
        params = {}
        for key, value in data.items():
            # Page parameters (subtitle, image, external_link...) become attributes of the post, unless
            # the name is one Pelican's own objects use: those stay reachable as params.NAME.
            if key in RESERVED or key.startswith("_") or not key.isidentifier():
                params[key] = value
            else:
                meta.setdefault(key, value)
        meta["params"] = {**data, **params}
        # Where each front matter key stands, so later steps can say file:line.
        meta["source_lines"] = {str(k).lower(): front.line_of(str(k)) for k in front.data}
        meta["source_line"] = front.first_line
        return meta


# A slug made from the title is cut to this many characters, at a hyphen, as Ghost and others cut
# theirs: a long title would otherwise give a folder name longer than a file system takes (255 bytes).
# Hugo's "no date": the first instant of year 1, kept naive as Pelican's dates without a zone are.
UNDATED = datetime.datetime(1, 1, 1)

# Attribute names of Pelican's content objects: a front matter key with one of these names
# would replace a method or a value Pelican sets (``content``, ``settings``, ``url_format``...).
RESERVED = (
    set(dir(Article))
    | set(dir(Page))
    | {
        "settings",
        "translations",
        "metadata",
        "in_default_lang",
        "source_path",
        "relative_source_path",
        "date_format",
        "timezone",
        "locale_date",
        "locale_modified",
        "author",
        "category",
        "params",
        "source_lines",
        "source_line",
        "draft",
        "featured",
        "undated",
    }
) - {
    "template",
    "status",
    "lang",
    "save_as",
    "title",
    "summary",
    "date",
    "modified",
    "slug",
    "tags",
    "authors",
    "category",
    "url",
    "draft",
    "featured",
}


def escape(text):
    return html.escape(str(text), quote=True)
