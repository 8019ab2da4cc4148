"""The Hugo site's main menu → content/data/menu.yaml, from every place Hugo reads it.

Hugo (https://gohugo.io/content-management/menus/) builds a menu from, in this order:
- the configuration: ``menus`` or ``menu`` (``config/_default/menus.toml``, ``[[menu.main]]`` in
  hugo.toml or config.toml, ``menus:`` in YAML), and the default language's own;
- with ``sectionPagesMenu = "main"``, one entry per top-level section (identifier: the folder);
- pages whose front matter says ``menu: main`` (or a list of menus), or
  ``menu: {main: {name, weight, parent, identifier}}``: an entry at the page's address, named
  after its ``linkTitle`` or ``title``, weighed by its ``weight`` unless the entry has one.
An entry whose key (its identifier, else its name) is already taken is left out, as Hugo does.
Entries nest under their ``parent`` (an identifier or a name); a parent that is no entry
becomes one without a link. Each level is sorted by weight (entries without weight last), then
by name. Our menu has two levels: deeper entries are listed under their top-level entry.
Internal links point at the imported page's own address (not at an alias of it); an anchor alone
(``#contact``, a section of the home page in Hugo Blox) is kept when the imported home page has it.
"""

import re
import tomllib

from sitelib.frontmatter.headings import hugo_anchor

from . import mapping
from .stage import staged

MENU = "main"
HOME = "pages/index.md"
TAG = re.compile(r"<[^>]+>")
BADGE = re.compile(r"<span[^>]*>(.*?)</span>")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def site_path(url):
    """Hugo menu urls are often relative ('platform/'): ours are site paths ('/platform/')."""
    if not url or EXTERNAL.match(url) or url.startswith("#"):
        return url
    path = "/" + url.lstrip("/")
    last = path.split("#")[0].rsplit("/", 1)[-1]
    if last and "." not in last and "#" not in path:
        path += "/"
    return path


class Entry:
    def __init__(self, raw, rel=None, page=None):
        raw = {str(k).lower(): v for k, v in raw.items()} if isinstance(raw, dict) else {}
        page = page or {}
        self.name = str(raw.get("name") or page.get("linktitle") or page.get("title") or "")
        self.identifier = str(raw.get("identifier") or "")
        self.parent = str(raw.get("parent") or "")
        weight = raw.get("weight", page.get("weight"))
        self.weight = (
            weight if isinstance(weight, (int, float)) and not isinstance(weight, bool) else 0
        )
        self.url = str(raw.get("url") or "")
        self.page_ref = str(raw.get("pageref") or "")
        self.rel = rel  # our content file, for entries of pages
        self.section = (
            False  # an entry of sectionPagesMenu: left out when the section has no page here
        )
        self.children = []

    @property
    def key(self):
        return self.identifier or self.name

    def sort_key(self):
        """Hugo's order: weight, where 0 (no weight) comes last; then name, without case."""
        return (self.weight == 0, self.weight, self.label.lower(), self.label)

    @property
    def label(self):
        return TAG.sub("", BADGE.sub("", self.name)).strip()


def config_entries(config):
    """Entries of the main menu in the configuration and in the default language's."""
    language = str(config.get("defaultcontentlanguage") or "en").lower()
    languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    found = []
    for scope in (config, languages.get(language)):
        if not isinstance(scope, dict):
            continue
        for key in ("menus", "menu"):
            menus = scope.get(key)
            entries = menus.get(MENU) if isinstance(menus, dict) else None
            if isinstance(entries, dict):  # a single entry written as a table
                entries = [entries]
            found += [Entry(e) for e in entries or [] if isinstance(e, dict)]
    return found


def page_entries(plan, origins):
    """Entries of pages whose front matter puts them in the main menu."""
    found = []
    for rel in sorted(origins):
        if not rel.endswith(".md") or b"menu" not in plan.get(rel, b""):
            continue
        data = front(plan, rel)
        for key in ("menu", "menus"):
            value = data.get(key)
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and MENU in [str(v).lower() for v in value]:
                found.append(Entry({}, rel, data))
            elif isinstance(value, dict):
                own = next((v for k, v in value.items() if str(k).lower() == MENU), False)
                if own is not False:
                    found.append(Entry(own if isinstance(own, dict) else {}, rel, data))
    return found


def front(plan, rel):
    """The planned file's front matter ({} when it cannot be read: the import reports that file)."""
    try:
        return mapping.read(plan[rel].decode("utf-8"), rel).data
    except (mapping.FrontMatterError, UnicodeDecodeError, KeyError):
        return {}


def section_entries(config, plan, origins, layout):
    """With ``sectionPagesMenu = "main"``: one entry per top-level section of the content."""
    if str(config.get("sectionpagesmenu") or "").lower() != MENU:
        return []
    ours = {hugo: rel for rel, hugo in origins.items()}
    tops = {hugo.split("/", 1)[0] for hugo in origins.values() if "/" in hugo}
    leaves = {
        hugo.split("/", 1)[0]
        for hugo in origins.values()
        if re.fullmatch(r"[^/]+/index\.[a-z]+", hugo)
    }
    sections = sorted(
        tops - leaves
    )  # a folder with an index file is a page (a leaf bundle), not a section
    found = []
    for section in sections:
        rel = next(
            (
                ours[f"{section}/_index{ext}"]
                for ext in (".md", ".html", ".markdown")
                if f"{section}/_index{ext}" in ours
            ),
            None,
        )
        page = front(plan, rel) if rel else {}
        entry = Entry({"identifier": section}, rel, page)
        entry.section = True
        if not entry.name:  # Hugo's title for a section without _index.md: its folder, as a plural
            entry.name = (
                plural(section.replace("-", " ")).title()
                if config.get("pluralizelisttitles", True)
                else section.title()
            )
        if rel is None and section in layout.posts:
            entry.url = "/blog/"
        elif rel is None:
            entry.url = f"/{section}/"
        found.append(entry)
    return found


def plural(word):
    if word.endswith("s"):
        return word
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def plan_menu(config, plan, report, settings):
    """Write data/menu.yaml when the site has a main menu (the theme's default menu otherwise)."""
    entries = config_entries(config)
    entries += section_entries(config, plan, report.origins, report.layout)
    entries += page_entries(plan, report.origins)
    if not entries:
        return
    from links.urls import ContentIndex  # noqa: PLC0415 (the links plugin's own rules for addresses)

    with staged(plan) as stage:  # the addresses the build publishes: no drafts, no scheduled posts
        index = ContentIndex(
            dict(settings, PATH=stage.root, CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
        )
    links = Links(plan, index, report.origins)
    for entry in entries:
        links.point(entry)
    items = nest([e for e in entries if e.url or e.rel is None])
    if links.dropped:
        report.skipped[
            f"main menu entries linking to a section the imported home page does not have "
            f"({', '.join(links.dropped)})"
        ] += len(links.dropped)
    report.menu_entries = sum(1 + len(i.get("children", [])) for i in items)
    if items:
        import yaml  # noqa: PLC0415

        plan["data/menu.yaml"] = yaml.dump(items, sort_keys=False, allow_unicode=True).encode()


class Links:
    """Where each menu entry leads here: the imported page's address."""

    def __init__(self, plan, index, origins):
        self.plan, self.index = plan, index
        self.by_hugo_path = {}
        for rel, hugo in origins.items():
            path = re.sub(r"\.[^./]+$", "", hugo)
            path = re.sub(r"(^|/)_?index$", "", path)
            self.by_hugo_path[path.lower()] = rel
        self._aliases = None
        self.pages = set(index.url_of_source.values())
        self.dropped = []  # entries linking to a section the home page here does not have
        self._home_ids = None

    def point(self, entry):
        if entry.rel:
            entry.url = self.index.url_of_source.get(
                entry.rel, ""
            )  # "" when the page is not published
            return
        if entry.page_ref:
            rel = self.by_hugo_path.get(entry.page_ref.strip("/").lower().removesuffix(".md"))
            if rel and self.index.url_of_source.get(rel):
                entry.url = self.index.url_of_source[rel]
                if not entry.name:
                    page = front(self.plan, rel)
                    entry.name = str(page.get("linktitle") or page.get("title") or "")
                return
            entry.url = entry.url or entry.page_ref
        if entry.url.startswith("#"):  # a section of the home page, as Hugo Blox links it
            if entry.url[1:] in self.home_ids():
                entry.url = "/" + entry.url
            else:
                self.dropped.append(entry.label)
                entry.url = ""
        elif entry.url and not EXTERNAL.match(entry.url):
            path = site_path(entry.url)
            entry.url = path if path in self.pages else self.aliases().get(path, path)
        if entry.section and not self.index.has_address(entry.url):
            entry.url = ""

    def home_ids(self):
        """The ids of the imported home page: its blocks', its headings', ``{: #id }`` and ``id="..."``."""
        if self._home_ids is None:
            text = self.plan.get(HOME, b"").decode("utf-8", errors="replace")
            ids = set(re.findall(r"\{:[^}\n]*#([\w-]+)", text)) | set(
                re.findall(r"\bid=[\"']([^\"']+)", text)
            )
            blocks = front(self.plan, HOME).get("blocks") if HOME in self.plan else None
            ids |= {str(b["id"]) for b in blocks or [] if isinstance(b, dict) and b.get("id")}
            headings = re.findall(r"^[ \t]*#{1,6}[ \t]+(.+?)[ \t]*(?:\{:.*\})?[ \t]*$", text, re.M)
            self._home_ids = ids | {hugo_anchor(h) for h in headings}
        return self._home_ids

    def aliases(self):
        """Alias → the address of the page that has it (the old Hugo addresses of moved pages)."""
        if self._aliases is None:
            self._aliases = {}
            for rel, url in self.index.url_of_source.items():
                if b"aliases" not in self.plan.get(rel, b""):
                    continue
                for alias in front(self.plan, rel).get("aliases") or []:
                    self._aliases.setdefault(site_path(str(alias)), url)
        return self._aliases


def nest(entries):
    """Our two-level menu (a list of {name, url, badge, children}) from Hugo's entries, in Hugo's order."""
    kept, keys = [], set()
    for entry in entries:
        if entry.key and entry.key not in keys:
            keys.add(entry.key)
            kept.append(entry)
    by_key = {e.key: e for e in kept}
    by_name = {}
    for e in kept:
        by_name.setdefault(e.name, e)
    top = []
    for entry in kept:
        if not entry.parent:
            top.append(entry)
            continue
        parent = by_key.get(entry.parent) or by_name.get(entry.parent)
        if parent is None:  # Hugo shows a parent that is no entry as one without a link
            parent = by_key[entry.parent] = Entry({"name": entry.parent})
            top.append(parent)
        parent.children.append(entry)
    result = []
    for entry in sorted(top, key=Entry.sort_key):
        item = as_item(entry)
        children = [as_item(c) for c in descendants(entry) if c.url]
        if children:
            item["children"] = children
        if item.get("url") or children:
            result.append(item)
    return result


def descendants(entry, seen=None):
    seen = seen if seen is not None else {id(entry)}
    for child in sorted(entry.children, key=Entry.sort_key):
        if id(child) not in seen:  # a parent loop in the configuration ends here
            seen.add(id(child))
            yield child
            yield from descendants(child, seen)


def as_item(entry):
    item = {"name": entry.label}
    if entry.url:
        item["url"] = entry.url
    badge = BADGE.search(entry.name)
    if badge and badge.group(1).strip():
        item["badge"] = TAG.sub("", badge.group(1)).strip()
    return item


def convert(menus_toml_text):
    """The main menu of a ``menus.toml`` alone (urls as site paths)."""
    entries = [
        Entry(e) for e in tomllib.loads(menus_toml_text).get(MENU, []) if isinstance(e, dict)
    ]
    for entry in entries:
        entry.url = site_path(entry.url or entry.page_ref)
    return nest(entries)
