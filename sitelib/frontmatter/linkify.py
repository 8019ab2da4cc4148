"""Bare web addresses and e-mail addresses become links, as Hugo's Markdown (Goldmark's Linkify) makes them.

``See https://2i2c.org/blog/.`` → ``See <a href="https://2i2c.org/blog/">https://2i2c.org/blog/</a>.``

Where an address starts, how far it runs and which trailing characters stay out are
Goldmark's rules (extension/linkify.go and util.FindEmailIndex in github.com/yuin/goldmark;
the order in which trailing characters are dropped is v1.8.6's, the version Hugo 0.168 builds
with, checked against its output): an address starts at the beginning of a line,
after a space, one of ``*_~(``, or other Markdown (code, a link, an HTML tag), never after
a backslash escape nor inside a link; it holds ASCII characters only; ``www.`` addresses
link to ``https://`` (Hugo's ``linkifyProtocol``). Code is never linked: Python-Markdown
has made code spans and blocks untouchable before this pattern runs. One difference on
purpose: an address between an HTML ``<a>`` and its ``</a>`` stays text, where Hugo writes
a link inside the link.

Configured in ``MARKDOWN["extension_configs"]`` as ``"sitelib.frontmatter.linkify"``.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Goldmark's own expressions (wwwURLRegxp, urlRegexp, emailDomainRegexp), case and all.
_PATH = r"""[-a-zA-Z0-9@:%_+.~#$!?&/=();,'">^{}\[\]`]*"""
URL = re.compile(
    r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?]" + _PATH + ")?"
)
WWW = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?]" + _PATH.replace("$", "") + ")?"
)
EMAIL = re.compile(
    r"[a-zA-Z0-9][-a-zA-Z0-9.!#$%&'*+/=?^_`{|}~]*@"
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)

# Where an address may start: at the start, after a space, a new line, one of *_~( or a
# placeholder (Markdown already turned into HTML, after which Goldmark starts afresh; but not
# after a backslash escape: see after_escape_or_in_html_link). Hugo's typographer makes
# an opening quote Markdown too: a quote after a space or punctuation starts afresh.
START = re.compile(
    r"""(?:(?<=[ \n*_~(\x03])|(?<![\s\S])|(?<=\A["'])|(?<=[\s!-/:-@\[-`{-~\x03]["']))"""
    r"(?:(?:https?|ftp)://|www\.|[a-zA-Z0-9][-a-zA-Z0-9.!#$%&'*+/=?^_`{|}~]*@)"
)
ESCAPED_CHAR = re.compile(
    util.STX + r"\d+" + util.ETX + r"\Z"
)  # what Python-Markdown stashes for \*
HTML_LINK = re.compile(r"<(/?)a(?:\s[^>]*)?>\Z", re.I)

TRAILING = "?!.,:*_~"
ENTITY_AT_END = re.compile(r"&[a-zA-Z0-9]+;\Z")
# Characters Goldmark writes into an href as they are (util.URLEscape); others are %-encoded.
URL_SAFE = "!#$&'()*+,-./:;=?@_~%"
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def address_at(data, start):
    """(the address that starts at ``start``, what its href adds before it), or None."""
    match = URL.match(data, start) if data.startswith(("http:", "https:", "ftp:"), start) else None
    if match is not None:
        return trimmed(match.group(0)), ""
    match = WWW.match(data, start) if data.startswith("www.", start) else None
    if match is not None:
        return trimmed(match.group(0)), "https://"
    match = EMAIL.match(data, start)
    if (
        match is None
        or "." not in match.group(0).split("@")[1]
        or data[match.end() : match.end() + 1] in ("-", "_")
    ):
        return None
    return match.group(0), "mailto:"


def trimmed(url):
    """The address without what Goldmark leaves out at its end: punctuation, then one
    unmatched closing parenthesis run or one entity."""
    url = url.rstrip(TRAILING)
    if url.endswith(")"):
        closing = url.count(")") - url.count("(")
        if closing > 0:
            url = url[:-closing]
    elif url.endswith(";"):
        entity = ENTITY_AT_END.search(url)
        if entity:
            url = url[: entity.start()]
    return url


def href(text, prefix):
    return prefix + LONE_PERCENT.sub("%25", quote(text, safe=URL_SAFE))


class LinkifyInlineProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)  # inside a Markdown link

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        start = m.start(0)
        found = None if self.after_escape_or_in_html_link(data, start) else address_at(data, start)
        if found is None:
            return None, None, None
        text, prefix = found
        # Goldmark writes an address as typed: an entity in it (&amp;) stays text, as "&amp;amp;"
        el = etree.Element(
            "a", {"href": href(text, prefix).replace("&", util.AMP_SUBSTITUTE + "amp;")}
        )
        el.text = util.AtomicString(text.replace("&", util.AMP_SUBSTITUTE + "amp;"))
        return el, start, start + len(text)

    def after_escape_or_in_html_link(self, data, start):
        """True right after a backslash escape (Goldmark does not start there), and between an
        HTML <a> and its </a> (Goldmark would put a link in a link, which HTML does not allow)."""
        stashed = self.md.treeprocessors["inline"].stashed_nodes
        depth = 0
        for placeholder in util.INLINE_PLACEHOLDER_RE.finditer(data, 0, start):
            node = stashed.get(placeholder.group(1))
            if not isinstance(node, str):
                continue
            if placeholder.end() == start and ESCAPED_CHAR.match(node):
                return True
            raw = util.HTML_PLACEHOLDER_RE.fullmatch(node)
            tag = raw and HTML_LINK.match(str(self.md.htmlStash.rawHtmlBlocks[int(raw.group(1))]))
            if tag:
                depth = max(0, depth - 1) if tag.group(1) else depth + 1
        return depth > 0


class LinkifyExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # after raw HTML (90: attributes are not text) and before emphasis (60: '_' and '*' inside addresses)
        md.inlinePatterns.register(LinkifyInlineProcessor(START.pattern, md), "linkify", 85)


def makeExtension(**kwargs):  # noqa: N802 (Markdown's API)
    return LinkifyExtension(**kwargs)
