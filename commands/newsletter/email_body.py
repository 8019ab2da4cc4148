"""The email: its subject, its issue and archive link, and HTML from theme/newsletter/email.html
with its CSS inlined, with a plain-text twin."""

import os
import re

import css_inline
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .textfit import clip, shorten

# The site's palette, read from the stylesheet's :root variables so the email matches it.
PALETTE = {
    "ink": "#14182b",
    "muted": "#4b5563",
    "accent": "#1d4ef5",
    "line": "#dde3f0",
    "tint": "#f2f5fc",
}


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
    """(html, text) for ``posts``; ``context`` carries sitename, siteurl, subject, preview_text,
    intro, archive_url and unsubscribe (the service's per-recipient unsubscribe link)."""
    env = Environment(
        loader=FileSystemLoader(os.path.join(theme_path, "newsletter")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    values = {**context, "posts": posts, "colors": palette(theme_path)}
    html = env.get_template("email.html").render(values)
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
    )
    text = env.get_template("email.txt").render(values)
    return inliner.inline(html), text


def issue_id(when):
    """The issue a campaign belongs to: the lowercase ISO week of its send time, like 2026-w48."""
    year, week, _ = when.isocalendar()
    return f"{year}-w{week:02d}"


def archive_url(siteurl, issue):
    """Where the site shows this issue ("View this issue in your browser")."""
    return f"{siteurl.rstrip('/')}/newsletter/{issue}/"


def subject(conf, posts, limit, measure):
    """(subject, shortened): "<subject>: <newest title> and N more", the title shortened to fit."""
    prefix = f"{conf['subject']}: "
    more = f" and {len(posts) - 1} more" if len(posts) > 1 else ""
    text, cut = shorten(posts[0].title, lambda t: measure(prefix + t + more) <= limit)
    if not text:  # not even a word of the title fits beside the prefix
        return clip(prefix.rstrip(": ") + more, limit, measure), True
    return prefix + text + more, cut


def intro(posts):
    return (
        "One new post on the blog since the last newsletter."
        if len(posts) == 1
        else f"{len(posts)} new posts on the blog since the last newsletter."
    )
