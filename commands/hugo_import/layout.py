"""Where each file of a Hugo site's content goes here.

- One language: the default language's content folder (``languages.LANG.contentDir``, or
  ``contentDir``) is the content root; other languages' folders and ``NAME.LANG.md`` files of
  other languages are left out, and counted.
- Posts: Hugo has no "posts", only sections; a theme lists its ``mainSections``. Those sections
  (the config's ``params.mainSections``; else ``blog`` when the site has one; else the section
  with the most dated pages, as Hugo picks the section with the most pages) become ``blog/``.
- Folders whose name starts with ``_`` are published by Hugo: they are imported without the
  ``_`` (here such folders hold authors' material), except ``_templates/`` (2i2c's post templates,
  which its Hugo site published by accident as posts dated 1000-01-01).
"""

import os
import re

from sitelib.frontmatter.fields import normalize
from sitelib.frontmatter.parse import ContentError, split

SKIPPED_FOLDERS = {"_templates"}
CONTENT_FILE = re.compile(r"\.(md|markdown|mdown|html|htm)$", re.I)


class Layout:
    def __init__(self, source, config):
        languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
        self.language = str(config.get("defaultcontentlanguage") or "en").lower()
        own = languages.get(self.language) if isinstance(languages.get(self.language), dict) else {}
        folder = own.get("contentdir") or config.get("contentdir") or "content"
        self.content = os.path.normpath(os.path.join(source, str(folder)))
        self.media = os.path.join(
            source, "assets", "media"
        )  # Hugo Blox's images, served at /media/
        self.other_languages = sorted(
            str(k).lower() for k in languages if str(k).lower() != self.language
        )
        self.skipped_folders = {}  # folder (relative to the site) → language, for the summary
        for lang in self.other_languages:
            other = languages[lang].get("contentdir") if isinstance(languages[lang], dict) else None
            if other and os.path.normpath(os.path.join(source, str(other))) != self.content:
                self.skipped_folders[str(other)] = lang
        params = config.get("params") if isinstance(config.get("params"), dict) else {}
        main = params.get("mainsections") or config.get("mainsections")
        self.posts = self._posts_sections([main] if isinstance(main, str) else main)

    def _posts_sections(self, main):
        tops = (
            [
                d
                for d in sorted(os.listdir(self.content))
                if os.path.isdir(os.path.join(self.content, d))
            ]
            if os.path.isdir(self.content)
            else []
        )
        if isinstance(main, list) and main:
            return [str(s).strip("/") for s in main if str(s).strip("/") in tops] or ["blog"]
        if "blog" in tops:
            return ["blog"]
        dated = {
            top: dated_pages(os.path.join(self.content, top))
            for top in tops
            if top not in ("authors", "jobs") and not top.startswith(("_", "."))
        }
        best = max(dated, key=lambda top: (dated[top], top), default=None)
        return [best] if best and dated[best] else ["blog"]

    def other_language(self, filename):
        """The language of a ``name.LANG.md`` file when it is not the default one."""
        parts = filename.split(".")
        return (
            parts[-2].lower()
            if len(parts) >= 3 and parts[-2].lower() in self.other_languages
            else None
        )

    def target(self, rel):
        """(our path for the Hugo content path ``rel``, section: blog, jobs or pages)."""
        rel = "/".join(
            part[1:] if part.startswith("_") and not part.startswith("_index.") else part
            for part in rel.split("/")
        )
        rel = re.sub(
            rf"\.{re.escape(self.language)}(\.[^./]+)$", r"\1", rel
        )  # about.en.md → about.md
        top, _, rest = rel.partition("/")
        if top in self.posts and rest:
            return ("blog/" + rest if len(self.posts) == 1 else "blog/" + rel), "blog"
        if top == "jobs" and rest:
            return rel, "jobs"
        return "pages/" + rel, "pages"


def dated_pages(folder):
    count = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if CONTENT_FILE.search(name) and not name.startswith("_index."):
                try:
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        front, _body = split(f.read(), name)
                except (OSError, UnicodeDecodeError, ContentError):
                    continue
                count += "date" in normalize(front.data).data
    return count
