"""What the site published: the entries of its built (or live) Atom/RSS feed."""

import dataclasses
import datetime
import os
import re
import urllib.parse
import xml.sax

import feedparser
import lxml.html

from .errors import NewsletterError


@dataclasses.dataclass(frozen=True)
class Post:
    url: str  # the identity of a post: announced once per channel
    title: str
    date: datetime.datetime | None
    summary: str  # plain text
    tags: tuple = ()
    authors: tuple = ()


def plain_text(html):
    """The words of an HTML summary, blocks separated by a space."""
    html = re.sub(r"(?i)</(p|li|h\d|div|blockquote)>|<br\s*/?>", " ", html)
    if not html.strip():
        return ""
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


def location(conf, output_path):
    feed = conf["feed"]
    if urllib.parse.urlparse(feed).scheme in ("http", "https"):
        return feed
    return os.path.join(output_path, feed)


def read(source, timeout=20.0):
    """Posts of the feed at ``source`` (a path or an http(s) URL), oldest first."""
    if urllib.parse.urlparse(source).scheme in ("http", "https"):
        import requests  # noqa: PLC0415

        try:
            response = requests.get(source, timeout=timeout)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise NewsletterError(
                f"{source}: could not read the feed ({exc.__class__.__name__}); "
                "check NEWSLETTER['feed'] or build the site first"
            ) from None
        parsed = feedparser.parse(response.content)
    else:
        if not os.path.exists(source):
            raise NewsletterError(
                f"{source}: no feed here; build the site with publish settings first "
                "(invoke build --publish) or set NEWSLETTER['feed'] to the live feed URL"
            )
        parsed = feedparser.parse(source)
    exc = parsed.get("bozo_exception")
    if parsed.bozo and (isinstance(exc, xml.sax.SAXException) or not parsed.entries):
        line = getattr(exc, "getLineNumber", lambda: 1)()
        raise NewsletterError(f"{source}:{line}: not a readable Atom/RSS feed ({exc})")
    posts = []
    for entry in parsed.entries:
        url = entry.get("link") or entry.get("id") or ""
        if urllib.parse.urlparse(url).scheme not in ("http", "https"):
            raise NewsletterError(
                f"{source}: entry {entry.get('title', '?')!r} has no absolute link; "
                "build with publishconf.py so the feed carries https:// URLs"
            )
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = datetime.datetime(*stamp[:6], tzinfo=datetime.UTC) if stamp else None
        summary = plain_text(entry.get("summary", ""))
        posts.append(
            Post(
                url=url,
                title=entry.get("title", "").strip() or url,
                date=date,
                summary=summary,
                tags=tuple(t.get("term") for t in entry.get("tags", []) if t.get("term")),
                authors=tuple(a.get("name") for a in entry.get("authors", []) if a.get("name")),
            )
        )
    epoch = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(posts, key=lambda p: (p.date or epoch, p.url))
