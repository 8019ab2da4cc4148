"""Plan every file an import writes, check the plan, then write all of it or nothing.

Hugo layout → ours (docs/hugo.md):
  content/blog/**            → content/blog/** (bundles with every file beside them)
  content/authors/SLUG/      → content/team/SLUG/index.md (+ avatar)
  content/jobs/**            → content/jobs/**
  content/_index.md          → content/pages/index.md (the home page)
  content/OTHER/**           → content/pages/OTHER/** (``_index.md`` → ``index.md``)
  static/**, assets/media/** → content/static/**, content/static/media/**
  data/**                    → content/data/**
  menus of the config and front matter → content/data/menu.yaml (menu.py); [params] → data/params.yaml
  layouts/shortcodes/*.html  → content/shortcodes/*.html (plain fragments; stand-ins for the rest: theme.py)
"""

import collections
import os
import re

import yaml

from sitelib.atomic import write_bytes

from . import blocks, fragments, links_at_source, lists, mapping, menu, params, sample, theme
from .config import read_config
from .hugo_urls import HugoURLs
from .layout import SKIPPED_FOLDERS, Layout
from .links_at_source import files_under
from .manifest import NAME as MANIFEST_NAME
from .manifest import Manifest, digest
from .stage import staged

CONTENT_EXT = (".md", ".markdown")
# a file name that can be a slug as it is (no dots, no %-escapes like WordPress's %c2%a1)
SLUG_LIKE = re.compile(r"[\w-]+")
THEME_SEARCH_PAGES = ("pages/search.md", "pages/search/index.md")
META_REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\d+;\s*url=['"]?([^'"]+?)['"]?["']\s*/?>""",
    re.I,
)


class ImportError_(Exception):  # noqa: N801 (ImportError is Python's)
    """A problem that stops the import (bad source folder)."""


class Report:
    def __init__(self):
        self.counts = collections.defaultdict(collections.Counter)  # section → kind → n
        self.dropped = collections.Counter()
        self.dropped_files = 0
        self.skipped = collections.Counter()
        self.problems = []  # "path:line: message": Hugo refuses these files too; nothing is written
        self.warnings = []  # "path:line: message": Hugo reads these, perhaps not as meant
        self.conflicts = []  # one line each: why the import would clash with what dest holds
        self.carried, self.covered, self.need_handler = [], [], []
        self.written, self.unchanged, self.refused, self.removed = [], [], [], []
        self.replaced_sample = 0  # files of the shipped sample content removed
        self.removed_yours = 0  # files an author wrote, removed by --replace-sample --force
        self.gone = []  # written by an earlier import, no longer in the source: left in place
        self.menu_entries = 0
        self.redirects = []  # {from, to}: raw HTML redirect pages of the Hugo site
        self.bylines = []  # post authors without a profile
        self.blocks = self.block_pages = 0
        self.broken = []  # links already broken on the Hugo site: {file, line, target, page}
        self.origins = {}  # our path → the Hugo site's content path, for each content file written
        self.moved = 0  # pages given a slug or alias so that Hugo's address keeps answering

    @property
    def stopped(self):
        return bool(self.problems or self.conflicts or self.refused)

    def lines(self, source, dest):
        if self.stopped:
            return self.stop_lines(source, dest)
        out = [f"Imported {source} into {dest}:"]
        for section in ("blog", "team", "jobs", "pages", "static", "data"):
            kinds = self.counts.get(section)
            if kinds:
                main_kinds = ("posts", "people", "postings", "pages", "files")
                ordered = sorted(
                    kinds.items(),
                    key=lambda kind: (kind[0] not in main_kinds, kind[0] == "other files"),
                )
                out.append(f"  {section}: " + ", ".join(f"{n} {k}" for k, n in ordered))
        if self.redirects:
            out.append(
                f"  redirects: {len(self.redirects)} raw HTML redirect pages → data/redirects.yaml"
            )
        if self.menu_entries:
            out.append(f"  menu: {self.menu_entries} entries → data/menu.yaml")
        out += theme.summary_lines(self)
        if self.blocks:
            out.append(
                f"  page-builder sections: {self.blocks} blocks kept as blocks in {self.block_pages} pages"
            )
        if self.skipped:
            out.append("  not published: " + ", ".join(f"{n} {k}" for k, n in self.skipped.items()))
        if self.dropped:
            names = ", ".join(sorted(self.dropped))
            out.append(
                f"  dropped {sum(self.dropped.values())} theme-only fields ({names}) from {self.dropped_files} files"
            )
        if self.moved:
            out.append(f"  {self.moved} pages keep their Hugo address through a slug or an alias")
        if self.replaced_sample:
            out.append(
                f"  replaced the sample content ({self.replaced_sample} files; git checkout -- content "
                "brings it back)"
            )
        if self.removed_yours:
            out.append(
                f"  removed {self.removed_yours} files that were not the sample (--replace-sample --force)"
            )
        out.append(f"  wrote {len(self.written)} files, {len(self.unchanged)} unchanged")
        if self.gone:
            out.append(
                f"  {len(self.gone)} files from an earlier import are no longer in the source (left in place): "
                + ", ".join(self.gone[:5])
                + (" ..." if len(self.gone) > 5 else "")
            )
        if self.broken:
            pages = len({b["file"] for b in self.broken})
            out.append(
                f"  {len(self.broken)} links in {pages} files were already broken on the Hugo site: listed in "
                f"{links_at_source.REPORT} (the build warns about each until it is fixed)"
            )
        if self.warnings:
            out.append(
                f"  {len(self.warnings)} warnings (Hugo reads these files, perhaps not as their authors meant):"
            )
            out += [f"    {w}" for w in self.warnings]
        return out

    def stop_lines(self, source, dest):
        out = [f"Nothing was imported from {source} into {dest}:"]
        out += [f"  problem: {p}" for p in self.problems]
        out += [f"  conflict: {c}" for c in self.conflicts]
        if self.refused:
            out.append("  changed by hand since the last import (--force overwrites them):")
            out += [f"    {path}" for path in self.refused]
        if self.problems:
            out.append(
                "  Hugo refuses those files too: fix them in the Hugo site, then import again."
            )
        if self.conflicts:
            out.append(
                "  --replace-sample removes the sample content as shipped and keeps what you wrote; "
                "--force also overwrites what you wrote (with --replace-sample: removes it)."
            )
        return out


def import_site(source, dest, force=False, replace_sample=False, settings=None):
    """Import the Hugo site at ``source`` into the content folder ``dest``; return a Report.

    Everything is planned and checked first: a file Hugo refuses, a file changed by hand since
    the last import, or a clash with content already in ``dest`` stops the import before it
    writes anything (unless ``force``). The sample content as shipped is replaced when nothing
    else is there, or with ``replace_sample`` (see check_dest).
    """
    source, dest = os.path.abspath(source), os.path.abspath(dest)
    if not os.path.isdir(os.path.join(source, "content")):
        raise ImportError_(f"{source}: no content/ folder here: give the root of a Hugo site")
    report = Report()
    config, report.problems = read_config(source)
    layout = Layout(source, config)
    report.layout = layout
    plan = {}
    plan_content(layout, plan, report)
    plan_bylines(plan, report)
    if report.redirects:
        plan["data/redirects.yaml"] = yaml.dump(
            report.redirects, sort_keys=False, allow_unicode=True
        ).encode()
    plan_tree(os.path.join(source, "static"), "static", plan, report, "files")
    plan_tree(
        os.path.join(source, "assets", "media"),
        "static/media",
        plan,
        report,
        "files",
        section="static",
    )
    plan_tree(os.path.join(source, "data"), "data", plan, report, "files")
    params.plan_params(source, config, plan, report)
    theme.plan_shortcodes(source, config, dest, plan, report)
    if report.problems:
        return report
    os.makedirs(dest, exist_ok=True)
    settings = settings or project_settings(dest)
    with staged(plan) as stage:
        keep_hugo_addresses(plan, stage.index(settings), HugoURLs(config), report)
    menu.plan_menu(config, plan, report, settings)
    manifest = Manifest(dest)
    removals = check_dest(plan, dest, manifest, report, force, replace_sample)
    with staged(plan, dest, removals) as stage:
        index = stage.index(settings)
        report.conflicts += clashes(index, plan, report)
        if report.stopped:
            return report
        report.broken = links_at_source.broken(source, layout.content, plan, index, report.origins)
    plan[links_at_source.REPORT] = links_at_source.dump(report.broken)
    write(plan, dest, source, manifest, removals, report)
    return report


def keep_hugo_addresses(plan, index, hugo, report):
    """Every imported page keeps answering at the address Hugo gave it: a post whose last part
    came from its file name gets it as its slug (unless another post would get the same one),
    and an address that still differs becomes an alias."""
    pages = []
    for rel, hugo_rel in sorted(report.origins.items()):
        ours = index.url_of_source.get(rel)
        if ours is None or not rel.endswith(".md") or rel.startswith("team/"):
            continue  # people keep /author/SLUG/ through the people plugin
        try:
            front = mapping.read(plan[rel].decode("utf-8"), rel)
        except mapping.FrontMatterError:
            continue
        old = hugo.url(hugo_rel, front.data)
        if old and old != ours.removesuffix("index.html") and old != "/":
            pages.append((rel, front, old, ours))

    def slug_from(rel, data, old, ours):
        last = old.rstrip("/").rsplit("/", 1)[-1]
        if (
            rel.startswith("blog/")
            and not rel.endswith("_index.md")
            and "slug" not in data
            and "url" not in data
            and SLUG_LIKE.fullmatch(last)
            and ours.rstrip("/").rsplit("/", 1)[-1] != last
        ):
            return last
        return None

    wanted = collections.Counter(
        slug_from(rel, front.data, old, ours) for rel, front, old, ours in pages
    )
    taken = set(index.url_of_source.values())
    final = dict(index.url_of_source)
    for rel, front, old, ours in pages:
        slug = slug_from(rel, front.data, old, ours)
        if slug and wanted[slug] == 1 and f"/blog/{slug}/" not in taken:
            front.data["slug"] = slug
            final[rel] = f"/blog/{slug}/"
    # Pages that would share an address here (two posts with one slug in different Hugo folders)
    # keep their Hugo address as their own, when Hugo gave them different ones.
    sharing = collections.Counter(final.values())
    olds = collections.Counter(old for _rel, _front, old, _ours in pages)
    for rel, front, old, _ours in pages:
        data = front.data
        if sharing[final[rel]] > 1 and olds[old] == 1 and old not in taken:
            data["url"] = old
            data.pop("slug", None)
            final[rel] = old
        aliases = data.get("aliases") or []
        if old != final[rel] and old.rstrip("/") not in (a.rstrip("/") for a in aliases):
            data["aliases"] = aliases + [old]
        plan[rel] = mapping.dump(data, front.body).encode()
        report.moved += 1


def project_settings(dest):
    """This project's Pelican settings (URL shapes, content folders), for the checks of an import."""
    from pelican.settings import read_settings  # noqa: PLC0415

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return read_settings(os.path.join(root, "pelicanconf.py"), override={"PATH": dest})


def plan_content(layout, plan, report):
    content = layout.content
    for folder, language in sorted(layout.skipped_folders.items()):
        report.skipped[f"folders of another language ({language}: {folder})"] += 1
    for dirpath, dirnames, filenames in os.walk(content, followlinks=True):
        rel_dir = os.path.relpath(dirpath, content).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if d in SKIPPED_FOLDERS:  # post templates for authors: not content
                report.skipped[f"'{d}' folders"] += 1
                continue
            kept.append(d)
        dirnames[:] = kept
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            language = layout.other_language(filename)
            if language:
                report.skipped[f"files of another language ({language})"] += 1
                continue
            rel = f"{rel_dir}/{filename}".lstrip("/")
            plan_file(content, rel, plan, report, layout)


def leaf_bundle(content, rel):
    """The nearest folder above rel (or its own) that holds an index.md: Hugo's leaf bundle."""
    parts = rel.split("/")[:-1]
    for i in range(len(parts), 0, -1):
        folder = "/".join(parts[:i])
        if any(
            os.path.isfile(os.path.join(content, folder, n)) for n in ("index.md", "index.html")
        ):
            return folder
    return None


def plan_file(content, rel, plan, report, layout):
    path = os.path.join(content, rel)
    top = rel.split("/", 1)[0] if "/" in rel else ""
    filename = rel.rsplit("/", 1)[-1]
    stem, ext = os.path.splitext(filename)
    if filename == "README.md":
        report.skipped["README files"] += 1
        return
    with open(path, "rb") as f:  # open() follows symlinks: the real file is copied
        data = f.read()
    is_text = ext in CONTENT_EXT or ext == ".html"

    if top == "authors":
        slug = rel.split("/")[1]
        if rel.count("/") == 1:  # authors/_index.md
            report.skipped["author section pages"] += 1
            return
        if filename in ("_index.md", "index.md") and rel.count("/") == 2:
            front = read_front(path, data, report)
            if front is None:
                return
            fm, body = front.data, front.body
            dropped_before = sum(report.dropped.values())
            mapping.drop_theme_fields(fm, report.dropped)
            person, body = mapping.map_person(fm, body, slug)
            body = commonmark_to_python_markdown(body)
            folder = os.path.dirname(path)
            avatar = next((n for n in sorted(os.listdir(folder)) if n.startswith("avatar.")), None)
            if avatar and "avatar" not in person:
                person["avatar"] = avatar
            report.dropped_files += sum(report.dropped.values()) > dropped_before
            plan[f"team/{slug}/index.md"] = mapping.dump(person, body).encode()
            report.origins[f"team/{slug}/index.md"] = rel
            report.counts["team"]["people"] += 1
        else:
            plan["team/" + rel.split("/", 1)[1]] = data
            report.counts["team"]["other files"] += 1
        return

    target, section = layout.target(rel)
    if target == "blog/_index.md":
        report.counts["blog"]["section intro (blog/_index.md)"] += 1
    elif (
        section == "pages"
        and rel.endswith("_index.md")
        and not os.path.exists(os.path.join(content, rel[: -len("_index.md")] + "index.md"))
    ):
        target = target[: -len("_index.md")] + "index.md"

    bundle = leaf_bundle(content, rel)
    if is_text and bundle is not None and stem != "index" and section != "jobs":
        # Hugo reads a .md inside a leaf bundle as a resource of that page, never as a page;
        # the parts of a widget page are assembled into its index (see widget_page_body).
        if is_widget_page(content, bundle):
            report.skipped["widget page parts assembled into their page"] += 1
            return
        inside = rel[len(bundle) + 1 :]
        folder = os.path.dirname(layout.target(bundle + "/index.md")[0])
        plan[f"{folder}/_sections/{inside}"] = data
        report.skipped["bundle parts kept under _sections/"] += 1
        return

    if not is_text:
        plan[target] = data
        report.counts[section]["other files"] += 1
        return

    front = read_front(path, data, report)
    if front is None:
        return
    fm, body, has_front = front.data, front.body, front.had_front
    if target in THEME_SEARCH_PAGES and not body.strip():
        # the theme's search page (PaperMod's layout: search): this site has its own at /search/
        report.skipped["search page of the Hugo theme (this site has its own at /search/)"] += 1
        return
    if ext == ".html":
        refresh = META_REFRESH.fullmatch(body.strip())
        if not has_front and refresh:  # Hugo published it as is: a redirect page
            old = "/" + (rel.rsplit("/", 1)[0] + "/" if stem == "index" and "/" in rel else rel)
            report.redirects.append({"from": old, "to": refresh.group(1)})
            report.counts["pages"]["redirects"] += 1
            return
        target = os.path.splitext(target)[0] + ".md"
    if ext == ".md" and stem == "index" and fm.get("type") == "widget_page":
        body = widget_page_body(os.path.dirname(path), body, report)
    if "sections" in fm:
        converter = blocks.Converter(
            lambda text: mapping.Literal(commonmark_to_python_markdown(text)),
            layout.media,
            os.path.dirname(path),
        )
        fm["blocks"] = converter.blocks(fm.pop("sections"))
        report.blocks += len(fm["blocks"])
        report.block_pages += 1
        raw = data.decode("utf-8", errors="replace")
        starts = [m.start() for m in re.finditer(r"^\s*-\s+block:", raw, re.M)]
        for index, kind in converter.unknown:
            line = raw.count("\n", 0, starts[index]) + 1 if index < len(starts) else 1
            report.warnings.append(
                f"{path}:{line}: Hugo Blox block '{kind}' has no counterpart here: its title and "
                "text are kept as a markdown block"
            )
        for src, alt in dict(converter.named).items():
            report.warnings.append(
                f"{path}:1: image '{src}' in a block has no alt text: given alt=\"{alt}\" from its "
                "file name; check it says what the image shows"
            )
        for name in converter.missing:
            report.warnings.append(
                f"{path}:1: block image '{name}' is neither beside the page nor in assets/media/"
            )
    before = sum(report.dropped.values())
    mapping.drop_theme_fields(fm, report.dropped)
    report.dropped_files += sum(report.dropped.values()) > before
    if section == "jobs":
        fm = mapping.map_job(fm)
    body = commonmark_to_python_markdown(body)
    plan[target] = (mapping.dump(fm, body) if (fm or has_front) else body).encode()
    report.origins[target] = rel
    if target != "blog/_index.md":  # counted above
        report.counts[section][
            {"blog": "posts", "jobs": "postings", "pages": "pages"}[section]
        ] += 1


def read_front(path, data, report):
    """The file as Hugo reads it (mapping.read); None, with its problems reported, when Hugo would refuse it."""
    try:
        front = mapping.read(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        report.problems.append(
            f"{path}:1: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        )
        return None
    except mapping.FrontMatterError as exc:
        report.problems += [f"{path}:{line}: {message}" for line, message in exc.problems]
        return None
    report.warnings += [f"{path}:{line}: {message}" for line, message in front.warnings]
    return front


def is_widget_page(content, bundle):
    index = os.path.join(content, bundle, "index.md")
    try:
        with open(index, encoding="utf-8") as f:
            front = mapping.read(f.read(), index, normalize=False)
    except (OSError, UnicodeDecodeError, mapping.FrontMatterError):
        return False
    return front.data.get("type") == "widget_page"


def widget_page_body(folder, body, report):
    """The page's body, then every part of the bundle in ``weight`` order, as Hugo Blox showed them."""
    parts = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for filename in sorted(filenames):
            path = os.path.join(dirpath, filename)
            if not filename.endswith(".md") or path == os.path.join(folder, "index.md"):
                continue
            with open(path, "rb") as f:
                front = read_front(path, f.read(), report)
            if front is None:
                continue
            data, part_body = front.data, front.body
            weight = data.get("weight") if isinstance(data.get("weight"), (int, float)) else 0
            data.setdefault(
                "id", os.path.splitext(filename)[0]
            )  # Hugo Blox names each part's section after its file
            nested = dirpath != folder
            text = blocks.widget_part(data, part_body, level=3 if nested else 2)
            if text:
                parts.append((weight, os.path.relpath(path, folder), text))
    texts = [text for _w, _p, text in sorted(parts)]
    return "\n\n".join([body.rstrip("\n")] + texts if body.strip() else texts) + "\n"


def plan_bylines(plan, report):
    """Hugo gave every post author an /author/SLUG/ page, profile or not: so do we, with a minimal person file."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415
    from pelican.utils import slugify  # noqa: PLC0415

    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]

    from people.names import name_key  # noqa: PLC0415 (the people plugin matches bylines by this key)

    people = set()
    for rel in plan:
        if rel.startswith("team/") and rel.endswith("/index.md"):  # known by folder and by name
            people.add(name_key(rel.split("/")[1]))
            people.add(
                name_key(
                    mapping.read(plan[rel].decode("utf-8"), rel, normalize=False).data.get(
                        "name", ""
                    )
                )
            )
    for rel in sorted(plan):
        if not (rel.startswith("blog/") and rel.endswith(".md")) or "/_" in rel:
            continue
        names = mapping.read(plan[rel].decode("utf-8"), rel).data.get("authors") or []
        for name in names:
            slug = slugify(str(name), regex_subs=subs)
            if slug and name_key(name) not in people and name_key(slug) not in people:
                people.add(name_key(name))
                plan[f"team/{slug}/index.md"] = mapping.dump({"name": str(name)}, "").encode()
                report.bylines.append(str(name))
                report.counts["team"]["people named in posts without a profile"] += 1


def commonmark_to_python_markdown(body):
    """Where Hugo's CommonMark and our Python-Markdown read the same text differently."""
    body = fragments.close_unclosed_fence(body)
    body = fragments.escape_non_links(body)
    body = fragments.drop_unreferenced_footnotes(body)
    body = fragments.join_split_open_tags(body)
    body = fragments.blank_line_before_blocks(body)
    body = lists.reindent_lists(body)
    return fragments.markdown_in_html(body)


def plan_tree(folder, prefix, plan, report, kind, section=None):
    if not os.path.isdir(folder):
        return
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(dirpath, filename), folder).replace(os.sep, "/")
            with open(os.path.join(dirpath, filename), "rb") as f:
                plan[f"{prefix}/{rel}"] = f.read()
            report.counts[section or prefix][kind] += 1


def check_dest(plan, dest, manifest, report, force, replace_sample):
    """Which files of ``dest`` the import removes; clashes of paths go into the report.

    The sample content as shipped (sample.py) is replaced when it is all that ``dest`` holds
    besides earlier imports, or with ``replace_sample``; files an author wrote or changed stay,
    and one the import would overwrite is a conflict, unless ``force``.
    """
    existing = set(files_under(dest)) - {MANIFEST_NAME, links_at_source.REPORT}
    shipped = sample.pristine(dest)
    yours = existing - set(manifest.files) - shipped
    removals = set()
    if shipped and (replace_sample or force or not yours):
        removals = set(shipped)
        report.replaced_sample = len(shipped - {sample.NAME})
    if replace_sample and force:
        removals |= yours
        report.removed_yours = len(yours)
    for rel in sorted(set(plan) & existing - removals):
        path = os.path.join(dest, rel)
        with open(path, "rb") as f:
            current = digest(f.read())
        if current == digest(plan[rel]) or force:
            continue
        if rel in manifest.files and manifest.files[rel] != current:
            report.refused.append(rel)
        elif rel in shipped:
            report.conflicts.append(f"{rel} is sample content that the import would replace")
        elif rel not in manifest.files:
            report.conflicts.append(
                f"{rel} already exists (not from an import, not the sample as shipped) and "
                "the import would replace it"
            )
    return removals


def clashes(index, plan, report):
    """Two content files at one address, one imported and one already in dest: a line each."""
    by_url = collections.defaultdict(list)
    for rel, url in index.url_of_source.items():
        by_url[url].append(rel)
    found = []
    for url, rels in sorted(by_url.items()):
        if len(rels) < 2:
            continue
        imported = [r for r in rels if r in plan]
        kept = [r for r in rels if r not in plan]
        if imported and kept:
            found.append(
                f"{' and '.join(kept)} (already here) and {' and '.join(imported)} (imported) would both be "
                f"{url}"
            )
        elif imported:
            report.warnings.append(
                f"{' and '.join(sorted(rels))}: both at {url} in the Hugo site (Hugo writes one over "
                "the other; this build refuses): give one of them another slug"
            )
    return found


def write(plan, dest, source, manifest, removals, report):
    """Write every planned file (temporary file, then rename), then remove the replaced ones."""
    os.makedirs(dest, exist_ok=True)
    for rel in sorted(plan):
        data = plan[rel]
        path = os.path.join(dest, rel)
        new = digest(data)
        if rel not in removals and os.path.exists(path):
            with open(path, "rb") as f:
                if digest(f.read()) == new:
                    manifest.files[rel] = new
                    report.unchanged.append(rel)
                    continue
        write_bytes(path, data)
        manifest.files[rel] = new
        report.written.append(rel)
    for rel in sorted(removals - set(plan)):
        os.remove(os.path.join(dest, rel))
        report.removed.append(rel)
        folder = os.path.dirname(os.path.join(dest, rel))
        while folder != dest and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    report.gone = sorted(set(manifest.files) - set(plan))
    if report.written or report.removed or not os.path.exists(manifest.path):
        manifest.save(source)


__all__ = ["ImportError_", "Report", "import_site"]
