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
from pelican.readers import MarkdownReader
from pelican.utils import get_date, pelican_open, slugify

from .inline import speed_up
from .parse import ContentError, split

WORDS_PER_MINUTE = 220
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAGS = re.compile(r"<[^>]+>")


class PageInfo:
    """What a Markdown extension may know about the file it is converting."""

    def __init__(self, source_path, relpath, front, metadata, settings):
        self.source_path = source_path
        self.relpath = relpath  # relative to the content folder, with '/'
        self.display_path = display_path(source_path)
        self.front = front
        self.metadata = metadata
        self.settings = settings
        self.problems = []  # (line, message)
        self.warnings = []  # (line, message)

    @property
    def body_line(self):
        return self.front.body_line

    def error(self, line, message):
        self.problems.append((line, message))

    def warn(self, line, message):
        self.warnings.append((line, message))


def display_path(path):
    """The path as an author types it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def markdown_files(folder):
    """Every Markdown content file under folder, in a stable order (not README.md, dot or
    ``__`` folders): how the generators that read their own folder (team, jobs) find files."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith(".") and name != "README.md":
                yield os.path.join(root, name)


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
        self._md = md or speed_up(Markdown(**self.settings["MARKDOWN"]))
        return self._md

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
        """Turn raw front matter into Pelican metadata, collecting every problem."""
        data = {str(k).lower(): v for k, v in front.data.items()}
        meta = {}

        def problem(key, message):
            problems.append((shown, front.line_of(key), message))

        title = data.pop("title", None)
        if title is None or not str(title).strip():
            if is_article(relpath, self.settings):
                problems.append((shown, front.first_line, "missing 'title': add 'title: Your post title' to the front matter"))
            elif "name" not in data:
                folder = os.path.basename(os.path.dirname(relpath)) or os.path.splitext(relpath)[0]
                meta["title"] = folder.replace("-", " ").replace("_", " ").strip().capitalize()
        else:
            meta["title"] = str(title).strip()

        for key, target in (("date", "date"), ("lastmod", "modified")):
            if key in data and data[key] not in (None, ""):
                value = data.pop(key)
                try:
                    meta[target] = to_datetime(value)
                except (ValueError, OverflowError):
                    problem(key, f"unparseable {key} {str(value)!r}: use a date like 2024-05-31 or 2024-05-31T14:00:00Z")
            else:
                data.pop(key, None)

        slug = data.pop("slug", None)
        if slug not in (None, ""):
            meta["slug"] = str(slug).strip()
        elif meta.get("title") and is_article(relpath, self.settings):
            meta["slug"] = slugify(meta["title"], regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))

        for key in ("tags", "authors", "categories"):
            if key not in data:
                continue
            value = data.pop(key)
            if value in (None, "", []):
                continue
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                problem(key, f"'{key}' must be a list of names, like: {key}: [first, second]")
                continue
            value = [str(v).strip() for v in value if str(v).strip()]
            if key == "categories":
                meta["categories"] = [self.process_metadata("category", v) for v in value]
                if meta["categories"]:
                    meta["category"] = meta["categories"][0]
            else:
                meta[key] = self.process_metadata(key, value)

        summary = data.pop("summary", None)
        if summary not in (None, ""):
            meta["summary"] = render_inline(summary)

        draft = data.pop("draft", False)
        meta["draft"] = truthy(draft)
        for key in ("featured",):
            if key in data:
                meta[key] = truthy(data.pop(key))

        for key, value in data.items():
            # Everything else (subtitle, image, aliases, external_link, ...) passes through.
            if key in ("status", "template", "save_as", "url") and not isinstance(value, str):
                problem(key, f"'{key}' must be text")
                continue
            meta[key] = value
        # Where each front matter key stands, so later steps can say file:line.
        meta["source_lines"] = {str(k).lower(): front.line_of(str(k)) for k in front.data}
        meta["source_line"] = front.first_line
        return meta


def truthy(value):
    """Hugo sites write booleans as true, "true", "false", 'yes'..."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)


def to_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        raise ValueError(value)
    return get_date(str(value).strip())


INLINE = []  # one converter for short fields, reset between uses


def render_inline(text):
    """Markdown for short fields (summaries, job deadlines): no wrapping <p> for one paragraph."""
    md = INLINE.pop() if INLINE else speed_up(Markdown(extensions=["markdown.extensions.smarty"]))
    try:
        out = md.convert(str(text)).strip()
    finally:
        INLINE.append(md.reset())
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def escape(text):
    return html.escape(str(text), quote=True)
