"""Walk a built site and report every internal link that does not resolve.

Checked: ``href``, ``src``, ``srcset``, ``poster``, ``action`` and
``<meta http-equiv="refresh">`` targets in HTML, and ``url(...)`` in CSS.
A URL is internal when it is relative, root-relative, or absolute on one of
the site URLs given with ``--siteurl``. Directory URLs resolve to their
``index.html``; a ``#fragment`` must name an ``id`` (or ``<a name>``) in the
target page. Usage::

    python -m commands.linkcheck.check output/ --siteurl https://2i2c.org
"""

import argparse
import os
import posixpath
import re
import sys
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

# The attributes that load or link to another resource, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action",),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
# The spec scrolls to the top for these fragments even without a matching id.
TOP_FRAGMENTS = {"", "top"}
# A stand-in origin so that urljoin resolves relative URLs against a page's path.
ORIGIN = "http://site.invalid"


class Page:
    """What the checker needs from one built HTML file: its links and its ids."""

    __slots__ = ("ids", "links", "redirect")

    def __init__(self, links, ids, redirect=False):
        self.links = links
        self.ids = ids
        self.redirect = redirect


def parse_html(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        return Page([], set())
    root = lxml.html.fromstring(data)
    base = root.find(".//base[@href]")
    base_href = base.get("href") if base is not None else None
    links = []
    for element in root.iter(*URL_ATTRIBUTES):
        for attribute in URL_ATTRIBUTES[element.tag]:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                links.extend(srcset_urls(value))
            elif element.tag == "link" and "preconnect" in (element.get("rel") or "").lower():
                continue
            else:
                links.append(value.strip())
    redirect = False
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            match = REFRESH_URL.search(meta.get("content") or "")
            if match:
                links.append(match.group(1).strip())
                redirect = True
    for element in root.iter("style"):
        links.extend(css_urls(element.text or ""))
    ids = {value for value in root.xpath("//@id")}
    ids.update(root.xpath("//a/@name"))
    return Page([(link, base_href) for link in links], ids, redirect)


def srcset_urls(value):
    """``a.png 1x, b.png 2x`` -> the URLs (each candidate's first word)."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def css_urls(text):
    return [
        m.group(2).strip() for m in CSS_URL.finditer(text) if not m.group(2).startswith("data:")
    ]


class Site:
    """A built site on disk, with every HTML page parsed once."""

    def __init__(self, root, siteurls=()):
        self.root = os.path.abspath(root)
        self.siteurls = [u.rstrip("/") for u in siteurls if u and u.rstrip("/")]
        self.pages = {}
        self.stylesheets = []
        self.files = set()  # every file of the output, by site path: lookups without system calls
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, self.root).replace(os.sep, "/")
                self.files.add(rel)
                if name.endswith((".html", ".htm")):
                    self.pages[rel] = parse_html(path)
                elif name.endswith(".css"):
                    self.stylesheets.append(rel)

    def internal_path(self, url, source, base_href=None):
        """The site path (no leading slash) and fragment a URL points to, or None when external."""
        url = url.strip()
        for siteurl in self.siteurls:
            if url == siteurl or url.startswith(siteurl + "/") or url.startswith(siteurl + "#"):
                url = url[len(siteurl) :] or "/"
                break
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None  # another host, mailto:, tel:, data:, javascript: ...
        page_url = ORIGIN + "/" + source
        if base_href:
            page_url = urljoin(page_url, self.internal_url(base_href) or page_url)
        target = urlsplit(urljoin(page_url, url))
        return unquote(target.path).lstrip("/"), unquote(target.fragment)

    def internal_url(self, url):
        for siteurl in self.siteurls:
            if url.startswith(siteurl):
                return url[len(siteurl) :] or "/"
        return None if urlsplit(url).netloc else url

    def resolve(self, path):
        """The file a site path is served from, or None (``dir/`` and ``dir`` -> ``dir/index.html``)."""
        path = posixpath.normpath("/" + path).lstrip("/") if path else ""
        if path in self.files:
            return path
        index = posixpath.join(path, "index.html") if path else "index.html"
        return index if index in self.files else None

    def problem(self, source, url, base_href=None):
        """Why a link from ``source`` is broken, or None when it resolves (or is external)."""
        target = self.internal_path(url, source, base_href)
        if target is None:
            return None
        path, fragment = target
        resolved = self.resolve(path)
        if resolved is None:
            return "no such file"
        if fragment in TOP_FRAGMENTS or resolved not in self.pages or self.pages[resolved].redirect:
            return None  # a redirect page's target is checked on its own; the fragment cannot follow it
        if fragment not in self.pages[resolved].ids:
            return f'no id "{fragment}" in {resolved}'
        return None

    @staticmethod
    def scope(url, source, folder, base_href):
        """What a URL's meaning depends on, so that each distinct link is checked once."""
        if base_href:
            return (source, base_href)
        if url[:1] in "#?" or not url:
            return source  # "#id": the page itself
        if url.startswith("/") or urlsplit(url).scheme:
            return None  # root-relative, protocol-relative or absolute: the same from every page
        return folder

    def broken_links(self):
        """Yield ``(page, url, reason)`` for every broken link, once per page and URL."""
        verdicts = {}  # pages of one folder resolve a URL the same way: decide once
        for source in sorted(self.pages):
            seen = set()
            folder = posixpath.dirname(source)
            for url, base_href in self.pages[source].links:
                if url in seen:
                    continue
                seen.add(url)
                key = (self.scope(url, source, folder, base_href), url)
                if key not in verdicts:
                    verdicts[key] = self.problem(source, url, base_href)
                reason = verdicts[key]
                if reason:
                    yield source, url, reason
        for source in sorted(self.stylesheets):
            with open(os.path.join(self.root, source), encoding="utf-8", errors="replace") as f:
                urls = dict.fromkeys(css_urls(f.read()))
            for url in urls:
                reason = self.problem(source, url)
                if reason:
                    yield source, url, reason


def main(argv=None):
    parser = argparse.ArgumentParser(prog="check-links", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="the built site (a folder)")
    parser.add_argument(
        "--siteurl",
        action="append",
        default=[],
        help="absolute URL of the site; links to it count as internal (repeatable)",
    )
    parser.add_argument(
        "--known",
        default="",
        help="import-hugo's list of links already broken on the Hugo site: reported, not failed",
    )
    args = parser.parse_args(argv)
    if not os.path.isdir(args.output):
        print(f"check-links: {args.output} is not a folder: build the site first", file=sys.stderr)
        return 2
    site = Site(args.output, args.siteurl)
    known = read_known(args.known)
    broken = already = 0
    for source, url, reason in site.broken_links():
        page = "/" + source.removesuffix("index.html")
        written = {
            url,
            site.internal_url(url),
        }  # as written in the content, before SITEURL was put in front
        if any((page, u) in known or ("*", u) in known for u in written):
            already += 1
            print(
                f"{source}: known broken link -> {url} ({reason}; already so on the Hugo site: {args.known})"
            )
            continue
        broken += 1
        print(f"{source}: broken link -> {url} ({reason})")
    pages = len(site.pages)
    print(
        f"{broken} broken link{'s' if broken != 1 else ''} in {pages} page{'s' if pages != 1 else ''}"
        f" checked ({args.output})"
        + (f"; {already} more already broken on the Hugo site" if already else "")
    )
    return 1 if broken else 0


def read_known(path):
    """{(page URL or "*", link)} of import-hugo's report; empty without one."""
    if not path or not os.path.isfile(path):
        return set()
    import yaml  # noqa: PLC0415

    from sitelib import yamlload  # noqa: PLC0415

    try:
        with open(path, encoding="utf-8") as f:
            entries = yamlload.safe_load(f) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    return {
        (str(e.get("page", "*")), str(e["target"]))
        for e in entries
        if isinstance(e, dict) and "target" in e
    }


if __name__ == "__main__":
    sys.exit(main())
