"""Which URL each content file gets, read from the file tree (no second pass needed).

The rules mirror pelicanconf.py and docs/authoring.md: posts ``/blog/SLUG/`` (slug
from front matter, else from the title), pages at their path under ``pages/``,
people at ``/team/SLUG/``, jobs at their path, ``static/`` at the root, and
files beside a bundle's ``index.md`` next to the built page.

Every file is also known by its Hugo path (``pages/`` dropped, ``team/SLUG``
also as ``authors/SLUG/_index.md``), so links written for the Hugo site resolve.
"""

import hashlib
import os
import pickle
import posixpath
import re

from sitelib.atomic import replacing
from sitelib.digests import StampCache, read_cache
from sitelib.frontmatter import fields
from sitelib.frontmatter.dates import later_than_now
from sitelib.frontmatter.parse import PARSED, ContentError, locate, parse, parse_key
from sitelib.frontmatter.titles import title_from_path, title_slug
from sitelib.paths import display_path

CONTENT_EXTENSIONS = (".md", ".markdown", ".html")
INDEXES = ("index", "_index")
# URLs that Pelican or other plugins generate without a source file.
GENERATED = re.compile(
    r"^/(tag|category|author)/|^/(team|jobs)/$|^/blog/(\d{4}/|page/\d+/|index\.xml|atom\.xml|rss\.xml)"
    r"|^/$|^/blog/$|^/feeds?/|^/(category|tag)/[^/]+/atom\.xml$|^/sitemap\.xml$|^/robots\.txt$"
)


# The same pages, as whole addresses (GENERATED also takes what lies under them).
GENERATED_PAGES = re.compile(
    r"^/(tag|category|author)/[^/]+/(atom\.xml|rss\.xml)?$|^/(team|jobs)/$|^/$|^/blog/(\d{4}/|page/\d+/)?$"
    r"|^/blog/(index|atom|rss)\.xml$|^/feeds?/|^/sitemap\.xml$|^/robots\.txt$"
)
HUGO_TAXONOMY = re.compile(r"^/(categories|tags|authors)/([^/]+)/?$")
HUGO_TAXONOMY_KINDS = {"categories": "category", "tags": "tag", "authors": "team"}


PARSED_FILE = "links-front-matter.pickle"


def front_matter(path, used=None):
    """The front matter of ``path`` as a dict ({} when it has none or it cannot be parsed);
    its parse key is added to ``used``."""
    try:
        key = STAMPS.value(path)
    except OSError:
        return {}
    if key is None:
        return {}
    if used is not None:
        used.add(key)
    return PARSED[key][0]


def read_front(path):
    """Parse the front matter of ``path`` into PARSED, unless it is there; its key, or None.
    A file the reader will refuse is not a link target; the reader names its problem."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        found = locate(text, path)
        if found is None:
            return None
        key = parse_key(found.fmt, found.text)
        if key not in PARSED:
            parse(found.text, found.fmt, path, found.text_line)
        return key if PARSED[key][0] else None
    except (OSError, UnicodeDecodeError, ContentError):
        return None


# Kept in CACHE_PATH between builds, with sitelib.frontmatter.parse.PARSED (the parsed front
# matters): path -> parse key or None, so a file unchanged since is not opened again.
STAMPS = StampCache(read_front, usable=lambda key: key is None or key in PARSED)


def articles_paths(settings):
    return [p.strip("/") for p in settings.get("ARTICLE_PATHS", ["blog"])]


def read_known_broken(path):
    """{(file, target)} of import-hugo's report of links broken on the Hugo site (none without the file)."""
    import yaml  # noqa: PLC0415

    from sitelib import yamlload  # noqa: PLC0415

    try:
        with open(path, encoding="utf-8") as f:
            entries = yamlload.safe_load(f) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    if not isinstance(entries, list):
        return set()
    return {
        (str(e["file"]), str(e["target"]))
        for e in entries
        if isinstance(e, dict) and "file" in e and "target" in e
    }


def load_parsed(cache):
    """What earlier builds parsed and read (libyaml still takes 0.15 s for 1000 posts)."""
    saved = read_cache(cache)
    try:
        PARSED.update(saved["parsed"])
        STAMPS.known.update(saved["stats"])
    except (TypeError, ValueError, KeyError):
        pass


def save_parsed(cache):
    with replacing(cache) as f:
        pickle.dump({"parsed": PARSED, "stats": STAMPS.known}, f, protocol=pickle.HIGHEST_PROTOCOL)


class ContentIndex:
    """Content path (ours or Hugo's) → URL, and the set of every URL the site has."""

    def __init__(self, settings):
        self.settings = settings
        self.root = settings["PATH"]
        self.by_path = {}  # "blog/2022/x/index.md", "blog/2022/x", "collaborators/nasa" → "/blog/slug/"
        self.urls = set()
        self.url_of_source = {}  # our relpath → URL
        self.old_paths = {}  # LINKS["old_paths"]: old address of a post → (its URL, its relpath)
        self.by_name = {}  # a page's file or bundle name → its URL (None when two pages share it)
        self._fronts = {}
        cache = (
            os.path.join(settings["CACHE_PATH"], PARSED_FILE)
            if settings.get("LINKS", {}).get("cache")
            else None
        )
        self._used = set()
        if cache and not PARSED:  # the first build of this process
            load_parsed(cache)
        before = (dict(STAMPS.known), set(PARSED))
        self._scan()
        for key in set(PARSED) - self._used:  # front matter no file has any more
            del PARSED[key]
        seen = {os.path.join(self.root, rel) for rel in self._fronts}
        for path in set(STAMPS.known) - seen:
            del STAMPS.known[path]
        if cache and (STAMPS.known, set(PARSED)) != before:
            save_parsed(cache)
        from .redirects import read_redirects  # noqa: PLC0415

        for old, _new, _file, _line in read_redirects(settings):
            old = "/" + old.strip("/")
            self.urls.update({old, old + "/"})
        self._add_old_paths(articles_paths(settings))
        links = settings.get("LINKS", {})
        self.known_broken_file = links.get("known_broken") or ""
        self.known_broken = (
            read_known_broken(os.path.join(self.root, self.known_broken_file))
            if self.known_broken_file
            else set()
        )

    def _add_old_paths(self, articles):
        templates = self.settings.get("LINKS", {}).get("old_paths", [])
        if not templates:
            return
        taken = set(self.urls)
        for rel, url in self.url_of_source.items():
            top = next((a for a in articles if rel.startswith(a + "/")), None)
            if top is None:
                continue
            folder = posixpath.splitext(rel[len(top) + 1 :])[0]
            folder = posixpath.dirname(folder) if posixpath.basename(folder) in INDEXES else folder
            if not folder or posixpath.basename(folder).startswith("_"):
                continue
            for template in templates:
                old = template.format(folder=folder)
                if old != url and old not in taken and not GENERATED_PAGES.match(old):
                    self.old_paths[old] = (url, rel)
                    self.urls.update({old, old.rstrip("/")})

    def old_path_redirects(self):
        """(old path, URL, file, line) for the site_redirects signal: one page per old address."""

        return [
            (old, url, display_path(os.path.join(self.root, rel)), 1)
            for old, (url, rel) in sorted(self.old_paths.items())
        ]

    def _slug(self, path, data):
        if data.get("slug"):
            return data["slug"]
        title = data.get("title") or title_from_path(path)
        return title_slug(title, self.settings)

    def _scan(self):
        articles = [p.strip("/") for p in self.settings.get("ARTICLE_PATHS", ["blog"])]
        pages = [p.strip("/") for p in self.settings.get("PAGE_PATHS", ["pages"])]
        owners = {}  # folder → (bundle folder, bundle URL) of the nearest bundle above
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=True):
            # _templates/, _sections/...: never published (IGNORE_FILES), so never a link target
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            rel_dir = os.path.relpath(dirpath, self.root).replace(os.sep, "/")
            rel_dir = "" if rel_dir == "." else rel_dir
            top = rel_dir.split("/", 1)[0]
            bundle = next(
                (f for f in ("index.md", "_index.md", "index.html") if f in filenames), None
            )
            bundle_url = None
            if bundle:
                bundle_url = self._page_url(f"{rel_dir}/{bundle}".lstrip("/"), top, articles, pages)
                owners[rel_dir] = (rel_dir, bundle_url)
            else:  # files in a bundle's sub-folder go under the bundle's URL too
                owners[rel_dir] = (
                    owners.get(posixpath.dirname(rel_dir), (None, None))
                    if rel_dir
                    else (None, None)
                )
            owner_dir, owner_url = owners[rel_dir]
            for filename in sorted(filenames):
                if filename.startswith("."):
                    continue
                rel = f"{rel_dir}/{filename}".lstrip("/")
                stem, ext = os.path.splitext(rel)
                if (
                    ext in CONTENT_EXTENSIONS
                    and filename != "README.md"
                    and top not in ("static", "data", "shortcodes")
                ):
                    url = (
                        bundle_url
                        if filename == bundle
                        else self._page_url(rel, top, articles, pages)
                    )
                    if self._unpublished(rel):
                        continue  # a draft or a scheduled post: not on the site (yet)
                    self._add_aliases(rel)
                    if url:
                        self._add(rel, url)
                        if filename == bundle:
                            self._add(rel_dir, url)
                        else:
                            self._add(stem, url)
                        self.url_of_source[rel] = url
                        name = posixpath.basename(rel_dir if filename == bundle else stem).lower()
                        self.by_name[name] = (
                            None if name in self.by_name else url
                        )  # two of a name: neither
                        continue
                url = self._file_url(rel, top, owner_dir, owner_url)
                if url:
                    self._add(rel, url)

    def _front(self, rel):
        """The file's front matter fields as the reader reads them (sitelib.frontmatter.fields)."""
        if rel not in self._fronts:
            self._fronts[rel] = fields.normalize(
                front_matter(os.path.join(self.root, rel), self._used)
            ).data
        return self._fronts[rel]

    def _unpublished(self, rel):
        data = self._front(rel)
        if data.get("draft") and not self.settings.get("SHOW_DRAFTS"):
            return True
        if data.get("build", {}).get("render") == "never":
            return True
        if not self.settings.get("SHOW_FUTURE") and any(
            later_than_now(data.get(k)) for k in ("date", "publishdate")
        ):
            return True
        return bool(data.get("expirydate")) and not later_than_now(data["expirydate"])

    def _add_aliases(self, rel):
        for alias in self._front(rel).get("aliases", []):
            alias = "/" + alias.strip("/")
            self.urls.update({alias, alias + "/"})

    def _page_url(self, rel, top, articles, pages):
        if self._front(rel).get("url") and top != "team":
            return self._front(rel)["url"]  # Hugo's url: the page's own address
        stem = os.path.splitext(rel)[0]
        parts = stem.split("/")
        if any(parts[0] == a or stem.startswith(a + "/") for a in articles):
            if parts[-1] == "_index" and len(parts) == 2:
                return "/" + parts[0] + "/"
            if parts[-1].startswith("_"):
                return None
            slug = self._slug(rel, self._front(rel))
            return (
                "/" + self.settings.get("ARTICLE_URL", "blog/{slug}/").format(slug=slug)
                if slug
                else None
            )
        if top in pages:
            parts = parts[1:]
        elif top == "team":
            data = self._front(rel)
            folder = parts[1] if len(parts) > 1 else ""
            if parts[-1] in INDEXES and len(parts) == 2:
                return None  # /team/ itself is generated
            slug = data.get("slug") or (folder if parts[-1] in INDEXES else parts[-1])
            return f"/team/{slug}/"
        elif top != "jobs":
            return None
        if parts and parts[-1] in INDEXES:
            parts = parts[:-1]
        if any(p.startswith("_") for p in parts):
            return None
        slug = self._front(rel).get("slug") if top in pages else None
        if slug and parts:
            parts[-1] = str(slug).strip("/")
        return "/" + "".join(p + "/" for p in parts)

    def _file_url(self, rel, top, owner_dir, owner_url):
        if top == "static":
            return "/" + rel.split("/", 1)[1]
        if top in ("data", "shortcodes"):
            return None
        if owner_url:
            return owner_url + rel[len(owner_dir) + 1 :] if owner_dir else owner_url + rel
        pages = [p.strip("/") for p in self.settings.get("PAGE_PATHS", ["pages"])]
        if top in pages:
            return "/" + rel.split("/", 1)[1]
        return "/" + rel

    def _add(self, path, url):
        self.urls.add(url)
        for key in self._aliases(path):
            self.by_path.setdefault(key, url)

    def _aliases(self, path):
        keys = [path]
        if path.endswith("/index.md"):  # Hugo's branch bundle (_index.md) is our index.md
            keys.append(path[: -len("index.md")] + "_index.md")
        pages = [p.strip("/") for p in self.settings.get("PAGE_PATHS", ["pages"])]
        top, _, _rest = path.partition("/")
        if top in pages:  # a page is known by its Hugo path too (content/pages/x was content/x)
            keys += [key.partition("/")[2] for key in keys]
        if top == "team":
            # Hugo kept people under authors/SLUG/_index.md
            keys.append(re.sub(r"^team/([^/]+?)(\.md)?$", r"authors/\1", path))
            keys.append(re.sub(r"^team/([^/]+)/index\.md$", r"authors/\1/_index.md", path))
            keys.append(re.sub(r"^team/([^/]+)/", r"authors/\1/", path))
        return keys

    def has_address(self, path):
        """Whether the site answers ``path`` (a site path): a page, file, alias, redirect or generated page."""
        for candidate in (path, path.rstrip("/") + "/", path.removesuffix("index.html")):
            if candidate in self.urls:
                return True
        generated = self.settings.get("LINKS", {}).get("generated", [])
        return bool(GENERATED_PAGES.match(path) or path.startswith(tuple(generated)))

    def digest(self):
        """Changes exactly when a link may resolve differently: what a cached read depends on."""
        digest = hashlib.sha256()
        for mapping in (self.by_path, self.url_of_source):
            for key, url in sorted(mapping.items()):
                digest.update(f"{key}\0{url}\0".encode())
            digest.update(b"\1")
        for url in sorted(self.urls):
            digest.update(url.encode() + b"\0")
        return digest.hexdigest()

    # --- resolving -------------------------------------------------------
    def hugo_dir(self, source_rel):
        """The folder a file had in the Hugo site, which its relative links were written against."""
        folder = posixpath.dirname(source_rel)
        top, _, rest = folder.partition("/")
        if top in [p.strip("/") for p in self.settings.get("PAGE_PATHS", ["pages"])]:
            return rest
        if top == "team":
            return posixpath.join("authors", rest)
        return folder

    def resolve(self, target, source_rel):
        """URL of a local link target, or None when nothing matches."""
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path:
            return target
        suffix = target[len(path) :]
        from urllib.parse import unquote  # noqa: PLC0415

        path = unquote(path)
        moved = self.old_paths.get(path) or self.old_paths.get(path.rstrip("/") + "/")
        if moved:
            return moved[0] + suffix
        hugo_term = HUGO_TAXONOMY.match(path)
        if hugo_term:  # Hugo's default term paths (/categories/x) → ours (/category/x/)
            kind, slug = HUGO_TAXONOMY_KINDS[hugo_term.group(1)], hugo_term.group(2)
            if kind == "team" and f"/team/{slug}/" not in self.urls:
                kind = "author"
            return f"/{kind}/{slug}/" + suffix
        if path.startswith("/"):
            for candidate in (path, path.rstrip("/") + "/"):
                if candidate in self.urls:
                    return candidate + suffix
            key = path.strip("/")
            # Hugo's GetPage also takes content paths: /organization/team.md
            for variant in (key, re.sub(r"\.(md|markdown|html)$", "", key)):
                if variant in self.by_path:
                    return self.by_path[variant] + suffix
            generated = self.settings.get("LINKS", {}).get("generated", [])
            if (
                GENERATED.match(path.rstrip("/") + "/")
                or GENERATED.match(path)
                or path.startswith(tuple(generated))
            ):
                last = path.rsplit("/", 1)[-1]
                return (path if "." in last or path.endswith("/") else path + "/") + suffix
            return self._by_name(path, suffix)
        folders = {self.hugo_dir(source_rel), posixpath.dirname(source_rel), ""}
        for folder in folders:
            key = posixpath.normpath(posixpath.join(folder, path)).strip("/")
            if key.startswith(".."):
                continue
            key = "" if key == "." else key
            for variant in (key, re.sub(r"\.(md|markdown|html)$", "", key)):
                if variant in self.by_path:
                    return self.by_path[variant] + suffix
        own = self.url_of_source.get(source_rel)
        if own:  # a link relative to the page's URL, as the browser would read it
            candidate = posixpath.normpath(posixpath.join(own, path))
            for c in (candidate, candidate.rstrip("/") + "/"):
                if c in self.urls:
                    return c + suffix
        return self._by_name(path, suffix)

    def _by_name(self, path, suffix):
        """Hugo's ref finds a page by its name alone when no other page has it: /02-postcards, about.md."""
        name = path.strip("/")
        if "/" in name or not name:
            return None
        url = self.by_name.get(re.sub(r"\.(md|markdown|html)$", "", name).lower())
        return url + suffix if url else None
