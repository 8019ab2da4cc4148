"""Links that were already broken on the Hugo site, found with Hugo's own rules.

2i2c's site renders every Markdown link with its render hook
(``layouts/_default/_markup/render-link.html``): an address starting with ``http`` or ``#`` is
kept; otherwise ``.Page.GetPage`` looks for a page, and when none is found the address is
kept as written (``/x``), or put after the page's own address (``./x``, ``x``). Images go
through Hugo's embedded image hook: a file of the page's bundle or of ``assets/``, else the
address as written. Raw HTML links are left alone. A link is broken when the address Hugo
wrote is not one the site has.

``GetPage`` is Hugo 0.125's ``pageFinder.getContentNode`` (hugolib/pagecollections.go): a
path with a file extension is looked up as written, one without gets ``.md``; a path that
does not start with ``/`` is first tried from the page's folder (the bundle's parent folder for
a page bundle; the bundle itself for ``../x.md``, as the file system reads it), then from
the content root; ``./x`` and ``../x`` only from the page. Paths are compared in lower case,
``index``/``_index`` name their folder. The importer lists what it finds in ``REPORT``; the
links plugin reads that file and warns about those links instead of failing the build.
"""

import html
import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

import yaml

from sitelib.frontmatter.headings import hugo_anchor
from sitelib.frontmatter.linkify import address_at, trimmed
from sitelib.frontmatter.linkify import href as linkify_href

from .config import read_config

REPORT = "broken-at-source.yaml"
CONTENT_EXTENSIONS = (".md", ".markdown", ".mdown", ".html", ".htm")
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)>?")  # not a footnote ([^1]: text)
# as the link checker reads them; unquoted too (WordPress exports write href=&#8221;x&#8243;)
HTML_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I
)
SHORTCODE_OR_TEMPLATE = re.compile(r"^\{\{|^\{%")
SHORTCODE = re.compile(r"\{\{[<%]\s*[\w-]+(.*?)(?:[>%]\}\}|$)")
BARE_ADDRESS = re.compile(r"(?<![\w/(\"'<=])https?://")
SHORTCODE_FIRST = re.compile(r"""\s*(?:"([^"]*)"|`([^`]*)`|([^\s"`=]+)(?=\s|$))""")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
SHORTCODE_ADDRESS = re.compile(
    r"""\b(src|poster|link|url|cta_link|href)=(?:"([^"]*)"|`([^`]*)`|'([^']*)')"""
)


class HugoPages:
    """The Hugo site's pages by their logical path: lower case, no extension, folders for index files."""

    def __init__(self, files, assets=()):
        self.files = {f.lower() for f in files}
        self.assets = {a.lower() for a in assets}
        self.bases = {base_of("/" + f) for f in files if f.lower().endswith(CONTENT_EXTENSIONS)}
        by_name = {}
        for base in self.bases:
            by_name.setdefault(posixpath.basename(base), []).append(base)
        self.names = {
            name: bases[0] for name, bases in by_name.items() if len(bases) == 1
        }  # Hugo: ambiguous → none

    def get_page(self, context, ref, reflink=False):
        """Hugo's ``.Page.GetPage ref`` from the page at content path ``context``: the logical path
        of the page found, or None. The ``ref`` shortcode also finds a page by its name alone."""
        found = self._get_page(context, ref)
        if found is None and reflink and ref.strip("/").count("/") == 0:
            found = self.names.get(posixpath.splitext(ref.strip("/"))[0].lower())
        return found

    def _get_page(self, context, ref):
        ref = ref.replace("\\", "/").rstrip("/")
        if has_extension(ref):
            return self._for_ref(context, True, ref)
        if ref == "":
            return self._for_ref(context, False, "/_index.md")
        if ref.endswith("/index"):
            return self._for_ref(context, False, ref + "/index.md") or self._for_ref(
                context, False, ref + ".md"
            )
        return self._for_ref(context, False, ref + ".md")

    def _for_ref(self, context, had_extension, ref):
        if not ref.startswith("/"):
            folder = posixpath.dirname("/" + context)
            name = posixpath.basename(context).lower()
            branch = name.startswith("_index.")
            leaf = name.startswith("index.")
            if branch or (had_extension and ref.startswith("../")) or not leaf:
                base_dir = folder
            else:
                base_dir = posixpath.dirname(folder)
            base = base_of(posixpath.join(base_dir, ref))
            if base in self.bases:
                return base
            path = clean(posixpath.join(folder, ref))
            if (
                had_extension
                and path.lower().lstrip("/") in self.files
                and base_of(path) in self.bases
            ):
                return base_of(path)
        if ref.startswith("."):
            return None
        base = base_of("/" + ref.lstrip("/"))
        return base if base in self.bases else None

    def has_file(self, path):
        return clean(path).lstrip("/").lower() in self.files

    def has_asset(self, path):
        return clean("/" + path).lstrip("/").lower() in self.assets


def has_extension(path):
    """Hugo's paths.HasExt: a dot in the last part of the path."""
    return "." in path.rsplit("/", 1)[-1]


def clean(path):
    cleaned = posixpath.normpath(path)
    while cleaned.startswith("/.."):
        cleaned = cleaned[3:] or "/"
    return cleaned


def base_of(path):
    """The logical path Hugo files a content file under: /blog/x/index.md and /blog/x.md are /blog/x."""
    path = clean(path).lower()
    stem, ext = posixpath.splitext(path)
    if ext and ext not in CONTENT_EXTENSIONS:
        stem = path
    folder, name = posixpath.split(stem)
    return folder if name in ("index", "_index") else stem


def links_in(text):
    """(line, kind, target) for every Markdown link, image and raw HTML link outside code."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        opened = FENCE.match(line)
        if (
            fence
        ):  # a closing fence: the same character, at least as long, nothing after it (CommonMark)
            if (
                opened
                and opened.group(1)[0] == fence[0]
                and len(opened.group(1)) >= len(fence)
                and not line[opened.end() :].strip()
            ):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        reference = REFERENCE.match(line)
        if reference:
            yield number, "link", reference.group(1)
            continue
        for kind, target in markdown_links(line):
            yield number, kind, as_rendered(target)
        for match in HTML_ATTRIBUTE.finditer(SHORTCODE.sub(" ", line)):
            yield number, "html", html.unescape(first_group(match))
        for at in (
            m.start() for m in BARE_ADDRESS.finditer(line)
        ):  # Hugo links bare addresses (Linkify)
            found = address_at(line, at)
            if found:
                text, prefix = found
                if (
                    '="' in line
                ):  # in a shortcode's or a tag's quoted value, the quote ends the value
                    text = trimmed(text.split('"', 1)[0])
                yield number, "html", linkify_href(text, prefix)
        for shortcode in SHORTCODE.finditer(
            line
        ):  # figure src=..., cta cta_link=...: as the shortcode writes them
            name = (
                shortcode.group(0)[3:].split()[0].rstrip(">%}")
                if len(shortcode.group(0)) > 3
                else ""
            )
            positional = SHORTCODE_FIRST.match(shortcode.group(1))
            if name in ("ref", "relref") and positional:
                yield number, "ref", first_group(positional)
            elif name == "staticref" and positional:
                yield number, "html", "/" + first_group(positional).lstrip("/")
            for match in SHORTCODE_ADDRESS.finditer(shortcode.group(1)):
                yield (
                    number,
                    "image" if match.group(1) in ("src", "poster") else "html",
                    as_rendered(first_group(match, 2)),
                )


def first_group(match, start=1):
    return next(g for g in match.groups()[start - 1 :] if g is not None)


def as_rendered(target):
    """A Markdown link destination as it ends up in the page: backslash escapes and entities undone."""
    return html.unescape(MARKDOWN_ESCAPE.sub(r"\1", target))


def markdown_links(line):
    start = 0
    while True:
        at = line.find("](", start)
        if at < 0:
            return
        depth, i = 0, at
        while i >= 0:  # the '[' that opens this link text
            if line[i] == "]":
                depth += 1
            elif line[i] == "[":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        rest = line[at + 2 :]
        if rest.startswith("<"):
            target = rest[1 : rest.find(">")] if ">" in rest else rest[1:]
        else:
            match = re.match(r"\s*((?:[^\s()]|\([^\s()]*\))*)", rest)
            target = match.group(1) if match else ""
        if i >= 0 and target:
            yield ("image" if i > 0 and line[i - 1] == "!" else "link"), target
        start = at + 2


class Site:
    """What the imported site will answer, and the Hugo site's own address (config baseURL)."""

    def __init__(self, source, content, index, origins):
        self.pages = HugoPages(files_under(content), files_under(os.path.join(source, "assets")))
        self.index = index
        self.base_url = hugo_base_url(source)
        self.rel_of_url = {url: rel for rel, url in index.url_of_source.items()}
        self.rel_of_base = {base_of("/" + hugo_rel): rel for rel, hugo_rel in origins.items()}
        self._ids = {}

    def ids(self, rel):
        """The ids a page has, as Hugo names its headings, or None for a page we cannot read."""
        if rel not in self._ids:
            try:
                with open(os.path.join(self.index.root, rel), encoding="utf-8") as f:
                    self._ids[rel] = page_ids(f.read())
            except (OSError, UnicodeDecodeError):
                self._ids[rel] = None
        return self._ids[rel]

    def check(self, hugo_rel, rel, page_url, kind, target):
        """Why the address Hugo wrote for this link is broken ("" when it is not)."""
        parts = urlsplit(target)
        if self.base_url and target.startswith(self.base_url):
            found = self.address_rel(unquote(urlsplit("/" + target[len(self.base_url) :]).path))
            return OTHER_SITE if found is False else self.fragment(found, parts.fragment)
        if parts.scheme or parts.netloc or SHORTCODE_OR_TEMPLATE.match(target):
            return ""
        if target.startswith("#"):
            return self.fragment(rel, parts.fragment)
        if kind in ("link", "ref"):
            base = self.pages.get_page(
                hugo_rel, parts.path if kind == "ref" else target, reflink=kind == "ref"
            )
            if base is not None:
                return self.fragment(self.rel_of_base.get(base), parts.fragment)
        path = unquote(parts.path)
        if kind == "image" and not path.startswith("/"):
            path = path.removeprefix("./")
            bundle = posixpath.dirname("/" + hugo_rel)
            if self.pages.has_file(posixpath.join(bundle, path)) or self.pages.has_asset(path):
                return ""
        if kind == "link" and target.startswith("./"):
            url = page_url + target[2:]
        else:
            url = target if target.startswith("/") else page_url + target
        path = unquote(urlsplit(url).path)
        address = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        found = self.address_rel(address)
        return BROKEN if found is False else self.fragment(found, parts.fragment)

    def address_rel(self, address):
        """False when the site does not answer ``address``; else the content file there (None if not one)."""
        if address in ("", "/", "."):
            return self.rel_of_url.get("/")
        if not self.index.has_address(address):
            return False
        return self.rel_of_url.get(address) or self.rel_of_url.get(address.rstrip("/") + "/")

    def fragment(self, rel, fragment):
        if not fragment or fragment == "top" or rel is None:
            return ""
        ids = self.ids(rel)
        return "" if ids is None or fragment in ids else NO_SECTION


BROKEN = "broken on the Hugo site"
NO_SECTION = "the page has no such section, on the Hugo site either"
OTHER_SITE = (
    "an address on the Hugo site's own domain that this site does not have: another site on the same "
    "domain, or broken"
)


def broken(source, content, plan, index, origins):
    """Every link of an imported file that Hugo's rules left pointing at no address of the site,
    and that does not resolve here either: [{file, line, target, page, why}]. ``content`` is the
    folder of the language imported."""
    site = Site(source, content, index, origins)
    found = []
    for rel, hugo_rel in sorted(origins.items()):
        if not rel.endswith((".md", ".markdown")) or rel not in plan:
            continue
        page_url = index.url_of_source.get(rel)
        if page_url is None:
            continue
        for line, kind, target in links_in(plan[rel].decode("utf-8", "replace")):
            why = site.check(hugo_rel, rel, page_url, kind, target) if target else ""
            if not why or (why == BROKEN and index.resolve(target, rel) is not None):
                continue  # fine, or broken on the Hugo site but this build finds its page
            entry = {"file": rel, "line": line, "target": target, "page": page_url, "why": why}
            if entry not in found[-8:]:  # one address seen twice on a line (a link and its text)
                found.append(entry)
    menu = plan.get("data/menu.yaml")
    for number, line in enumerate(menu.decode("utf-8").splitlines() if menu else [], 1):
        match = re.match(r"\s*(?:- )?url:\s*['\"]?(\S+?)['\"]?\s*$", line)
        why = site.check("", "", "/", "html", match.group(1)) if match else ""
        if why:  # the menu is on every page
            found.append(
                {
                    "file": "data/menu.yaml",
                    "line": number,
                    "target": match.group(1),
                    "page": "*",
                    "why": why,
                }
            )
    return found


HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
GIVEN_ID = re.compile(r"\{:?\s*#([\w-]+)[^}]*\}\s*$")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
INLINE_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]+>"), ""),  # tags
    (re.compile(r"(\*\*|__|\*|`|~~)"), ""),  # emphasis and code marks
]


def page_ids(text):
    """The ids Hugo gives a page's headings (-1, -2... for repeats), and the ids written in it."""
    ids, counts = set(HTML_ID.findall(text)), {}
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        title = match.group(2) if match else None
        if (
            title is None
            and number + 1 < len(lines)
            and SETEXT.match(lines[number + 1])
            and line.strip()
            and not line.startswith(("    ", "-", "*", "|"))
        ):
            title = line.strip()
        if title is None:
            continue
        given = GIVEN_ID.search(title)
        if given:
            ids.add(given.group(1))
            continue
        for pattern, replacement in INLINE_MARKUP:
            title = pattern.sub(replacement, title)
        anchor = hugo_anchor(title)
        counts[anchor] = counts.get(anchor, -1) + 1
        ids.add(f"{anchor}-{counts[anchor]}" if counts[anchor] else anchor)
    return ids


def hugo_base_url(source):
    """The Hugo site's baseURL, ending in /, or '' when it has none."""
    url = read_config(source)[0].get("baseurl")
    return (
        url.rstrip("/") + "/"
        if isinstance(url, str) and url.startswith(("http://", "https://"))
        else ""
    )


def files_under(content):
    """Every file under ``content`` (dot folders such as .git left out), by path relative to it."""
    for dirpath, dirnames, filenames in os.walk(content, followlinks=True):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            yield os.path.relpath(os.path.join(dirpath, name), content).replace(os.sep, "/")


def dump(entries):
    header = (
        "# Links that were already broken on the Hugo site when it was imported (import-hugo).\n"
        "# The build warns about each while it stays broken; fix the link in the file named, and\n"
        "# delete its entry here (or the whole file once none is left).\n"
    )
    if not entries:
        return (header + "[]\n").encode()
    return (
        header + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
    ).encode()
