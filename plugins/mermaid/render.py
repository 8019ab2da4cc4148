"""Mermaid source → inline SVG with beautiful-mermaid under Node.js, one process per build for
every diagram not yet in the cache (``CACHE_PATH/mermaid/<sha256>.svg``, keyed by the source,
the renderer's version and its options; a diagram it cannot draw is kept as ``<sha256>.error``)."""

import hashlib
import json
import os
import re
import shutil
import subprocess

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render.mjs")
# Colours are the theme's custom properties (style.css), so the diagram follows the site's palette.
OPTIONS = {
    "font": "DejaVu Sans",  # fonts-dejavu-core: installed by .ci/run, and the widths beautiful-mermaid assumes fit it
    "bg": "var(--diagram-bg)",
    "fg": "var(--diagram-fg)",
    "line": "var(--diagram-line)",
    "accent": "var(--diagram-accent)",
    "muted": "var(--diagram-muted)",
    "surface": "var(--diagram-surface)",
    "border": "var(--diagram-border)",
}
IMPORT = re.compile(
    r"^\s*@import url\([^)]*\);\s*$\n?", re.M
)  # web fonts from another host: never on our pages
STYLE = re.compile(r"(<style>)(.*?)(</style>)", re.S)
SELECTOR = re.compile(r"(^|\})(\s*)([^{}/@][^{}]*?)(\s*\{)")
ROOT_STYLE = re.compile(r'^(<svg\b[^>]*?)\s+style="([^"]*)"')
ID = re.compile(r'\bid="([^"]+)"')


class Unavailable(Exception):
    """No Node.js or no beautiful-mermaid: the diagrams stay code blocks."""


def cache_key(source, version):
    return hashlib.sha256(json.dumps([version, OPTIONS, source]).encode()).hexdigest()


def own_page_svg(svg, key):
    """The renderer's SVG made fit to sit inline among others: no web-font import, its style
    rules scoped to the diagram's figure, its ids (arrow markers) unique to this diagram."""

    def scope(style):
        return SELECTOR.sub(
            lambda m: (
                m.group(1)
                + m.group(2)
                + ", ".join(f".mermaid-diagram {part.strip()}" for part in m.group(3).split(","))
                + m.group(4)
            ),
            IMPORT.sub("", style),
        )

    # the root's style attribute (its colours) becomes a rule: pages allow no inline style
    root = ROOT_STYLE.search(svg)
    rule = f"\n  .mermaid-diagram svg {{ {root.group(2)} }}" if root else ""
    if root:
        svg = svg[: root.start()] + root.group(1) + svg[root.end() :]
    svg = STYLE.sub(lambda m: m.group(1) + rule + scope(m.group(2)) + m.group(3), svg, count=1)
    prefix = f"mermaid-{key[:10]}-"
    for name in sorted(set(ID.findall(svg)), key=len, reverse=True):
        svg = svg.replace(f'id="{name}"', f'id="{prefix}{name}"').replace(
            f"url(#{name})", f"url(#{prefix}{name})"
        )
        svg = svg.replace(f'href="#{name}"', f'href="#{prefix}{name}"')
    return svg.strip()


class Renderer:
    def __init__(self, node, package, cache_dir):
        self.node, self.package, self.cache_dir = node, package, cache_dir
        self.rendered = self.cached = 0
        self._version = None

    def version(self):
        """beautiful-mermaid's version (part of every cache key); raises Unavailable when it is not installed."""
        if self._version is None:
            try:
                with open(os.path.join(self.package, "package.json"), encoding="utf-8") as f:
                    self._version = json.load(f)["version"]
            except (OSError, ValueError, KeyError) as exc:
                raise Unavailable(f"no beautiful-mermaid in {self.package}") from exc
        return self._version

    def _path(self, key, kind):
        return os.path.join(self.cache_dir, f"{key}.{kind}")

    def _read(self, key):
        for kind in ("svg", "error"):
            try:
                with open(self._path(key, kind), encoding="utf-8") as f:
                    return (f.read(), None) if kind == "svg" else (None, f.read())
            except OSError:
                continue
        return None

    def _write(self, key, kind, text):
        os.makedirs(self.cache_dir, exist_ok=True)
        temporary = self._path(key, kind) + f".{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, self._path(key, kind))

    def from_cache(self, sources):
        """{source: (svg, None) or (None, error)} for the sources drawn (or refused) before."""
        version = self.version()
        results = {}
        for source in sources:
            key = cache_key(source, version)
            found = self._read(key)
            if found is not None:
                svg, error = found
                results[source] = (own_page_svg(svg, key) if svg is not None else None, error)
        return results

    def render_all(self, sources):
        """{source: (svg, None) or (None, error)} for each distinct source."""
        version = self.version()
        keys = {source: cache_key(source, version) for source in sources}
        results = self.from_cache(sources)
        self.cached = len(results)
        missing = [source for source in sources if source not in results]
        if missing:
            for source, outcome in zip(missing, self._run(missing), strict=True):
                key = keys[source]
                if "svg" in outcome:
                    self._write(
                        key, "svg", outcome["svg"]
                    )  # as drawn: own_page_svg may change, the drawing not
                    results[source] = (own_page_svg(outcome["svg"], key), None)
                else:
                    self._write(key, "error", outcome.get("error") or "unknown error")
                    results[source] = (None, outcome.get("error") or "unknown error")
                self.rendered += 1
        return results

    def _run(self, sources):
        if not shutil.which(self.node):
            raise Unavailable(f"no '{self.node}' command")
        job = {
            "module": os.path.join(os.path.abspath(self.package), "dist", "index.js"),
            "options": OPTIONS,
            "diagrams": sources,
        }
        try:
            done = subprocess.run(
                [self.node, SCRIPT],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unavailable(f"running {self.node} failed: {exc}") from exc
        try:
            results = json.loads(done.stdout)
        except ValueError:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise Unavailable(f"the renderer stopped: {last}") from None
        if not isinstance(results, list) or len(results) != len(sources):
            raise Unavailable("the renderer answered with the wrong number of diagrams")
        return results
