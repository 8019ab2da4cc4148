"""The Markdown preprocessor that expands shortcodes before Markdown sees the text."""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# After NormalizeWhitespace (30), which would strip our stash placeholders,
# and before fenced code (25) and raw HTML blocks (20).
PRIORITY = 28


class ShortcodePreprocessor(Preprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines):
        engine = self.extension.engine
        page = getattr(self.md, "page", None)
        if engine is None or page is None:
            return lines
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        base = getattr(self.md, "shortcode_base_line", None) or page.body_line
        return engine.expand(text, page, base, self.md, self.md.htmlStash.store).split("\n")


class ShortcodeExtension(Extension):
    """Installed once in ``MARKDOWN["extensions"]``; the engine is swapped per build."""

    def __init__(self, **kwargs):
        self.engine = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.preprocessors.register(ShortcodePreprocessor(md, self), "hugo_shortcodes", PRIORITY)
