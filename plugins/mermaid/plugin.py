"""Mermaid diagrams drawn at build time into static inline SVG (no script on the page).

Signal ``initialized``: ``MERMAID`` checked; the Markdown extension marks each
```` ```mermaid ```` fence as a code block with its source line (extension.py).
Signal ``all_generators_finalized`` (every file read, in whichever process read it): every
marked block left in a post, page or person is replaced by its SVG, drawn by render.py in one
Node.js run for all diagrams not in the cache. Without Node.js the blocks stay code, with one
warning per build; a diagram the renderer cannot draw stays code with a ``file:line:`` warning.
"""

import html
import logging
import os

from pelican import signals
from pelican.contents import Content

from sitelib import upstream
from sitelib.paths import display_path
from sitelib.settings import SettingsError, merged

from .extension import BLOCK, MermaidExtension
from .render import Renderer, Unavailable

logger = logging.getLogger(__name__)

DEFAULTS = {
    "node": "node",  # the Node.js command
    "package": "tests/node_modules/beautiful-mermaid",  # where 'npm ci --prefix tests' installs the renderer
    "cache": "mermaid",  # folder under CACHE_PATH for drawn diagrams
}
EXTENSION = MermaidExtension()
TYPES = "flowcharts, state, sequence, class and ER diagrams, and XY charts"


def configure(pelican):
    settings = pelican.settings
    conf = merged("mermaid", "MERMAID", settings.get("MERMAID"), DEFAULTS)
    for key, value in conf.items():
        if not isinstance(value, str) or not value:
            raise SettingsError("mermaid", f"MERMAID['{key}'] must be text, like {DEFAULTS[key]!r}")
    settings["MERMAID"] = conf
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, MermaidExtension)]
    extensions.append(EXTENSION)


def contents(context):
    """Every post, page, person... in the context, once."""
    seen = {}
    for value in context.values():
        if isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, Content) and isinstance(upstream.content_html(item), str):
                    seen.setdefault(id(item), item)
    return list(seen.values())


def forget_rendered(item):
    """Pelican memoizes a content's HTML and summary: drop what was computed before the SVG went in."""
    upstream.forget_rendered(item)


def renderer_for(settings):
    conf = settings.get("MERMAID")
    if conf is None:
        return None
    return Renderer(
        conf["node"], conf["package"], os.path.join(settings["CACHE_PATH"], conf["cache"])
    )


def figure(svg):
    return f'<figure class="mermaid-diagram">{svg}</figure>'


def draw_diagrams(generators):
    settings = generators[0].settings
    conf = settings.get("MERMAID")
    if conf is None:
        return
    found = [
        (item, BLOCK.findall(upstream.content_html(item)))
        for item in contents(generators[0].context)
        if "mermaid-source" in upstream.content_html(item)
    ]
    found = [(item, blocks) for item, blocks in found if blocks]
    if not found:
        return
    sources = {html.unescape(code) for _item, blocks in found for _line, code in blocks}
    renderer = renderer_for(settings)
    try:
        drawn = renderer.render_all(sorted(sources))
    except Unavailable as exc:
        logger.warning(
            "Mermaid diagrams shown as code: install Node.js and run 'npm ci --prefix tests' to render "
            "them (%s)",
            exc,
        )
        return
    logger.info(
        "mermaid: %d diagrams, %d drawn, %d from the cache",
        len(sources),
        renderer.rendered,
        renderer.cached,
    )
    for item, _blocks in found:

        def replace(match, item=item):
            svg, error = drawn[html.unescape(match.group(2))]
            if svg is None:
                logger.warning(
                    "%s:%s: Mermaid diagram shown as code: %s (the renderer draws %s)",
                    display_path(item.source_path),
                    match.group(1),
                    error,
                    TYPES,
                )
                return match.group(0)
            return figure(svg)

        upstream.set_content_html(item, BLOCK.sub(replace, upstream.content_html(item)))
        forget_rendered(item)


def register():
    signals.initialized.connect(configure)
    signals.all_generators_finalized.connect(draw_diagrams)
