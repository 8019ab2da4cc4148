"""Redirect pages for old paths: front matter ``aliases`` and other plugins' requests.

Other plugins ask for redirects through the named signal ``site_redirects``:
connect ``receiver(sender) -> [(old_path, new_url, source_display_path, line), ...]``.
"""

import logging
import posixpath

from blinker import signal
from pelican.generators import Generator

from .paths import display_path

logger = logging.getLogger(__name__)

site_redirects = signal("site_redirects")


def save_as_for(old_path):
    """``/posts/hello`` -> ``posts/hello/index.html``; ``/old.html`` stays a file."""
    path = posixpath.normpath("/" + str(old_path).strip()).lstrip("/")
    if path in ("", "."):
        return "index.html"
    if posixpath.splitext(path)[1] in (".html", ".htm"):
        return path
    return path + "/index.html"


def absolute(url, siteurl):
    if "://" in url or url.startswith("//"):
        return url
    return siteurl.rstrip("/") + "/" + url.lstrip("/")


def aliases_of(content):
    """(old_path, new_url, file, line) for each alias of a post or page."""
    aliases = content.metadata.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    line = content.metadata.get("source_lines", {}).get("aliases", 1)
    if not isinstance(aliases, list):
        logger.error(
            "%s:%d: 'aliases' must be a list of paths on this site, like: aliases: [/old/path/]",
            display_path(content.source_path),
            line,
        )
        return []
    found = []
    for alias in aliases:
        if not isinstance(alias, str) or not alias.strip() or "://" in alias:
            logger.error(
                "%s:%d: each alias must be a path on this site like /old/path/, not %r",
                display_path(content.source_path),
                line,
                alias,
            )
            continue
        found.append((alias, content.url, display_path(content.source_path), line))
    return found


class RedirectGenerator(Generator):
    """Writes one small HTML page per redirect (meta refresh, canonical, a visible link)."""

    planned = None  # [(save_as, old_path, new_url, source, line)]

    def plan(self):
        """``all_generators_finalized`` (every generator has its context, so every plugin
        knows its redirects): the redirects to write, without those that would replace a
        post or page or repeat another (reported)."""
        contents = content_by_save_as(self.context)
        redirects = []
        for content in contents.values():
            redirects += aliases_of(content)
        for _receiver, found in site_redirects.send(self):
            redirects += list(found or [])
        seen = {}
        self.planned = []
        for old_path, new_url, source, line in redirects:
            save_as = save_as_for(old_path)
            if source is None and (save_as in contents or save_as in seen):
                continue  # an address kept for continuity only (source None): a page or alias there wins
            if save_as in contents:
                other = contents[save_as]
                logger.error(
                    "%s:%d: alias %r is the address of %s:1; remove the alias or move that page",
                    source,
                    line,
                    old_path,
                    display_path(other.source_path),
                )
                continue
            if save_as in seen:
                first = seen[save_as]
                logger.error(
                    "%s:%d: alias %r is also claimed by %s:%d; keep only one",
                    source,
                    line,
                    old_path,
                    first[0],
                    first[1],
                )
                continue
            seen[save_as] = (source, line)
            self.planned.append((save_as, old_path, new_url, source, line))

    def outputs(self):
        """What ``generate_output`` will write, for the check of duplicate addresses."""
        if self.planned is None:
            self.plan()
        for redirect in self.planned:
            save_as, old_path, _new_url, source, line = redirect
            yield (
                save_as,
                f"alias {old_path!r}",
                "redirect",
                source,
                line,
                lambda r=redirect: self.planned.remove(r),
            )

    def generate_output(self, writer):
        if self.planned is None:
            self.plan()
        template = self.get_template("redirect")
        siteurl = self.settings.get("SITEURL", "")
        for save_as, old_path, new_url, _source, _line in self.planned:
            target = (
                new_url
                if "://" in new_url
                else absolute(new_url, siteurl)
                if siteurl
                else "/" + new_url.lstrip("/")
            )
            # override: an alias may replace a listing page (e.g. /author/x/ -> /team/x/)
            writer.write_file(
                save_as,
                template,
                self.context,
                relative_urls=False,
                override_output=True,
                target=target,
                old_path=old_path,
            )
        self.context["redirects"] = sorted(save_as for save_as, *_rest in self.planned)


def content_by_save_as(context):
    found = {}
    for key in ("articles", "hidden_articles", "pages", "hidden_pages"):
        for content in context.get(key, []):
            found.setdefault(content.save_as, content)
    return found
