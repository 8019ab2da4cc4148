"""The email: HTML from theme/newsletter/email.html with its CSS inlined, and a plain-text twin."""

import os
import re

import css_inline
from jinja2 import Environment, FileSystemLoader, select_autoescape

# The site's palette, read from the stylesheet's :root variables so the email matches it.
PALETTE = {"ink": "#14182b", "muted": "#4b5563", "accent": "#1d4ef5", "line": "#dde3f0", "tint": "#f2f5fc"}


def palette(theme_path):
    colours = dict(PALETTE)
    css = os.path.join(theme_path, "static", "css", "style.css")
    if os.path.exists(css):
        with open(css, encoding="utf-8") as f:
            root = re.search(r":root\s*\{([^}]*)\}", f.read())
        if root:
            colours.update(re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})", root[1]))
    return colours


def render(posts, context, theme_path):
    """(html, text) for ``posts``; ``context`` carries sitename, siteurl, subject, preview_text."""
    env = Environment(loader=FileSystemLoader(os.path.join(theme_path, "newsletter")),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    values = {**context, "posts": posts, "colors": palette(theme_path)}
    html = env.get_template("email.html").render(values)
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False)
    text = env.get_template("email.txt").render(values)
    return inliner.inline(html), text
