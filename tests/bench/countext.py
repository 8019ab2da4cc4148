"""A Markdown extension for the fast-path tests: counts conversions, warns on a marker.

Each conversion appends the file's path to the file named by $COUNT_CONVERSIONS,
so a test can see which files were really read (and which came from the cache).
A body containing WARN-ME gets a warning on that line through ``md.page``.
"""

import os

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor


class Count(Preprocessor):
    def run(self, lines):
        page = getattr(self.md, "page", None)
        with open(os.environ["COUNT_CONVERSIONS"], "a") as f:
            f.write((page.relpath if page else "?") + "\n")
        for offset, line in enumerate(lines):
            if "WARN-ME" in line and page:
                page.warn(page.body_line + offset, "found the WARN-ME marker; remove it")
        return lines


class CountExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Count(md), "count_conversions", 100)


def makeExtension(**kwargs):
    return CountExtension(**kwargs)
