"""Rewrite links and images that point at content files to the URL of their page.

A preprocessor keeps the source lines (to say where a link was written); a
postprocessor, run last so that raw HTML and shortcode output are included,
rewrites ``href``, ``src`` and ``poster`` values outside code.
"""

import html
import re
from urllib.parse import urljoin

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

ATTRIBUTE = re.compile(r"""(\s(?:href|src|poster)=)("([^"]*)"|'([^']*)')""")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#|\{)", re.I)


class KeepSource(Preprocessor):
    def run(self, lines):
        self.md.link_source = list(lines)
        return lines


class RewriteLinks(Postprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, text):
        if "href=" not in text and "src=" not in text and "poster=" not in text:
            return text  # nothing ATTRIBUTE could match (a heading's text, a short fragment)
        page = getattr(self.md, "page", None)
        index = self.extension.index() if page is not None else None
        if index is None:
            return text
        source = getattr(self.md, "link_source", [])
        base = getattr(self.md, "shortcode_base_line", None) or page.body_line
        seen = {}  # target → index of the next source line to search
        reported = set()

        def line_of(target):
            """Line of the next mention of target; None when it is one already reported (a
            shortcode may write one src twice, e.g. a video and its download link)."""
            start = seen.get(target, 0)
            for i in range(start, len(source)):
                if target in source[i]:
                    seen[target] = i + 1
                    return base + i
            return None if start else page.body_line

        def replace(match):
            target = match.group(3) if match.group(3) is not None else match.group(4)
            raw = html.unescape(
                target
            )  # &amp; and entity-encoded addresses (&#109;&#97;... is mailto:)
            if not raw or EXTERNAL.match(raw):
                return match.group(0)
            url = index.resolve(raw, page.relpath)
            if url is None:
                line = line_of(target)
                if line is None or (raw, line) in reported:
                    return match.group(0)
                reported.add((raw, line))
                message = f"link to '{raw}' does not match any page or file"
                if (page.relpath, raw) in index.known_broken:
                    page.warn(
                        line,
                        message
                        + f" (already broken on the Hugo site: listed in {index.known_broken_file})",
                    )
                elif page.metadata.get("draft") and not page.settings.get("SHOW_DRAFTS"):
                    page.warn(line, message + " (in a draft: an error once it is published)")
                elif self.extension.missing() == "error":
                    page.error(line, message + ": fix the path, or remove the link")
                else:
                    page.warn(line, message)
                return match.group(0)
            linked = page.metadata.setdefault(
                "links_to", []
            )  # site paths, for backlinks (plugins/related)
            if url.split("#")[0].split("?")[0] not in linked:
                linked.append(url.split("#")[0].split("?")[0])
            own = index.url_of_source.get(page.relpath)
            if own and not raw.startswith("/") and urljoin(own, raw) == url:
                return match.group(0)  # already right from where the page is served (a bundle file)
            if url.startswith("/"):  # like Pelican's own {filename} links: absolute when SITEURL is
                url = page.settings.get("SITEURL", "").rstrip("/") + url
            return f'{match.group(1)}"{url.replace("&", "&amp;").replace(chr(34), "&quot;")}"'

        out = []
        pos = 0
        for code in CODE.finditer(text):
            out.append(ATTRIBUTE.sub(replace, text[pos : code.start()]))
            out.append(code.group(0))
            pos = code.end()
        out.append(ATTRIBUTE.sub(replace, text[pos:]))
        return "".join(out)


class LinksExtension(Extension):
    def __init__(self, plugin_state, **kwargs):
        self.state = plugin_state
        super().__init__(**kwargs)

    def index(self):
        return self.state.index()

    def missing(self):
        return self.state.settings["LINKS"]["missing"]

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # 29: after NormalizeWhitespace (30), before shortcodes (28) expand anything.
        md.preprocessors.register(KeepSource(md), "links_source", 29)
        md.postprocessors.register(RewriteLinks(md, self), "links_rewrite", 5)
