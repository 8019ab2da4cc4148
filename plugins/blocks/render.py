"""Markdown inside blocks goes through the page body's pipeline: the site's Markdown
extensions with shortcodes and link checks, each message at the field's line in the file."""

import os

from markdown import Markdown as Converter
from markupsafe import Markup

from sitelib.frontmatter.inline import speed_up
from sitelib.pageinfo import PageInfo

from .schema import Markdown


def render_markdown(blocks, content, front):
    """Replace every Markdown field of ``blocks`` by its HTML; (errors, warnings) as (line, message)."""
    settings = content.settings
    relpath = os.path.relpath(content.source_path, settings["PATH"]).replace(os.sep, "/")
    info = PageInfo(content.source_path, relpath, front, content.metadata, settings)
    convert = converter(settings)
    for block in blocks:
        walk(block, lambda text: Markup(convert(text, info)))
    return info.problems, info.warnings


def walk(value, render):
    """Render the Markdown fields of a block (and of its items) in place."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, held in list(items):
        if isinstance(held, Markdown):
            value[key] = render(held)
        elif isinstance(held, (dict, list)):
            walk(held, render)


def converter(settings):
    """``convert(text, page)``: the shortcode engine's Markdown when the shortcodes plugin
    installed its extension in ``MARKDOWN`` (it carries the engine), else plain Markdown."""
    extensions = settings["MARKDOWN"].get("extensions", [])
    engine = next((e.engine for e in extensions if getattr(e, "engine", None) is not None), None)
    if engine is not None:
        return lambda text, page: engine.markdown(str(text), page, text.line, inline=text.inline)

    def convert(text, page):
        md = speed_up(Converter(**settings["MARKDOWN"]))
        md.page = page
        html = md.convert(str(text)).strip()
        if (
            text.inline
            and html.startswith("<p>")
            and html.endswith("</p>")
            and html.count("<p>") == 1
        ):
            html = html[3:-4]
        return html

    return convert
