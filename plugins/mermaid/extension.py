"""```` ```mermaid ```` fences become a marked code block that plugin.py later replaces by the
diagram's SVG (or leaves as it is: the code block is what a reader sees without a renderer).

The block carries the fence's line in the source file, for warnings:
``<pre class="mermaid-source" data-mermaid-line="12"><code class="language-mermaid">...</code></pre>``
"""

import html
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)[^`]*$")
BLOCK = re.compile(
    r'<pre class="mermaid-source" data-mermaid-line="(\d+)"><code class="language-mermaid">(.*?)</code></pre>',
    re.S,
)


def fences(lines):
    """(start, end, info) of each fenced block: lines[start] opens it, lines[end] closes it (or end = len)."""
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening.group("fence")
        end = next(
            (
                j
                for j in range(i + 1, len(lines))
                if lines[j].strip().startswith(fence[0] * len(fence))
                and not lines[j].strip().strip(fence[0])
                and len(lines[j]) - len(lines[j].lstrip()) <= 3
            ),
            len(lines),
        )
        yield i, end, opening.group("info").lower()
        i = end + 1


def block(code, line):
    return (
        f'<pre class="mermaid-source" data-mermaid-line="{line}"><code class="language-mermaid">'
        f"{html.escape(code, quote=False)}</code></pre>"
    )


class MermaidFences(Preprocessor):
    def run(self, lines):
        found = [(start, end) for start, end, info in fences(lines) if info == "mermaid"]
        if not found:
            return lines
        page = getattr(self.md, "page", None)
        source = (
            getattr(self.md, "link_source", None) or lines
        )  # the body as written (links plugin), else ours
        starts = [start for start, _end, info in fences(source) if info == "mermaid"]
        base = page.body_line if page is not None else 1
        out, pos = [], 0
        for number, (start, end) in enumerate(found):
            line = base + (starts[number] if number < len(starts) else start)
            code = "\n".join(lines[start + 1 : end])
            out += lines[pos:start] + ["", self.md.htmlStash.store(block(code, line)), ""]
            pos = end + 1
        return out + lines[pos:]


class MermaidExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # 27: after shortcodes (28) expand, before fenced code (25) takes the fence as code
        md.preprocessors.register(MermaidFences(md), "mermaid_fences", 27)
