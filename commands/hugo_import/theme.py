"""The shortcodes a Hugo site's pages use, and where each one's template is here.

Hugo looks a shortcode up in the site's ``layouts/_shortcodes/`` and ``layouts/shortcodes/``,
then in each theme of ``theme`` (the first listed wins) and each ``module.imports`` path, a
theme's own themes and imports after it. A theme or module is read from ``_vendor/PATH``, from
a local ``replace`` in ``go.mod`` or ``module.replacements``, or from ``themesDir/PATH``; one
Hugo fetches at build time is not in the source, and its shortcodes are unknown here.

Every shortcode the imported pages use is rendered here by one of: our templates and handlers
(which win, as they were written for this site), a plain template carried over as it is, or a
stand-in written to ``content/shortcodes/NAME.html`` that shows the inner text and warns at each
use until someone writes the template. A template already in ``content/shortcodes/`` that the
import did not write is kept.
"""

import collections
import os
import re

from shortcodes.handlers import HANDLERS
from shortcodes.parser import ShortcodeError, scan

from . import fragments
from .config import read_config
from .manifest import Manifest, digest

OURS = os.path.join(os.path.dirname(__file__), "..", "..", "theme", "shortcodes")
# Rendered by handlers of the careers plugin.
HANDLED_ELSEWHERE = {"open_jobs", "job_details"}
# Hugo's embedded shortcodes (https://gohugo.io/shortcodes/), for the stand-in's message.
HUGO_BUILTIN = {
    "comment",
    "details",
    "figure",
    "gist",
    "highlight",
    "instagram",
    "param",
    "qr",
    "ref",
    "relref",
    "tweet",
    "twitter",
    "twitter_simple",
    "vimeo",
    "vimeo_simple",
    "x",
    "youtube",
}
CONTENT_TOPS = ("blog/", "jobs/", "pages/", "team/")
REPLACE = re.compile(r"^\s*(?:replace\s+)?(\S+)(?:\s+v\S+)?\s*=>\s*(\S+)\s*$")
ORIGINS = {
    "site": "came from the Hugo site's layouts/shortcodes",
    "hugo": "is built into Hugo",
    "theme": "came from the Hugo theme",
}


def template_folders(source, config):
    """(the site's shortcode folders, [(theme root, its shortcode folders)], [theme paths not in the source])."""
    site = shortcode_folders(source)
    found, missing = [], []
    seen = set()

    def visit(root, conf):
        for path in theme_paths(conf):
            where = locate(source, config, path)
            if where is None:
                missing.append(path)
            elif where not in seen:
                seen.add(where)
                found.append((where, shortcode_folders(where)))
                visit(where, read_config(where)[0])

    visit(source, config)
    return site, found, sorted(set(missing))


def shortcode_folders(root):
    return [
        os.path.join(root, "layouts", d)
        for d in ("_shortcodes", "shortcodes")
        if os.path.isdir(os.path.join(root, "layouts", d))
    ]


def theme_paths(config):
    """Themes, then module imports, in Hugo's order of precedence."""
    theme = config.get("theme")
    paths = (
        [t.strip() for t in theme.split(",")]
        if isinstance(theme, str)
        else [str(t) for t in theme]
        if isinstance(theme, list)
        else []
    )
    module = config.get("module") if isinstance(config.get("module"), dict) else {}
    for item in module.get("imports") or []:
        path = item.get("path") if isinstance(item, dict) else item
        if path and not (isinstance(item, dict) and item.get("disable") is True):
            paths.append(str(path))
    return [p for p in paths if p]


def locate(source, config, path):
    """The folder holding the theme or module ``path`` in the source, or None."""
    candidates = [os.path.join(source, "_vendor", path)]
    for old, new in replacements(source, config):
        if path == old or path.startswith(old + "/"):
            candidates.append(os.path.join(source, new, path[len(old) :].lstrip("/")))
    themes_dir = str(config.get("themesdir") or "themes")
    candidates.append(os.path.join(source, themes_dir, path))
    # an empty folder is a git submodule that was not checked out
    return next(
        (os.path.normpath(c) for c in candidates if os.path.isdir(c) and os.listdir(c)), None
    )


def replacements(source, config):
    """Local replacements of module paths: ``module.replacements`` ("a -> b, c -> d") and go.mod's ``replace``."""
    pairs = []
    module = config.get("module") if isinstance(config.get("module"), dict) else {}
    for item in str(module.get("replacements") or "").split(","):
        old, _, new = item.partition("->")
        if new.strip():
            pairs.append((old.strip(), new.strip()))
    gomod = os.path.join(source, "go.mod")
    if os.path.isfile(gomod):
        with open(gomod, encoding="utf-8", errors="replace") as f:
            text = f.read()
        lines = re.sub(r"replace\s*\((.*?)\)", lambda m: m.group(1), text, flags=re.S).splitlines()
        for line in lines:
            match = REPLACE.match(line.split("//")[0]) if "=>" in line else None
            if match and match.group(2).startswith((".", "/")):
                pairs.append((match.group(1), match.group(2)))
    return pairs


def templates(folders):
    """{name: path} of the shortcode templates in ``folders``, the first folder winning.
    A template in a sub-folder is named with it (``blocks/cover``), as Hugo names it;
    variants for one language or output format (``name.en.html``) are left out."""
    found = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                stem, ext = os.path.splitext(filename)
                if ext != ".html" or "." in stem or stem.startswith("."):
                    continue
                name = os.path.relpath(os.path.join(dirpath, stem), folder).replace(os.sep, "/")
                found.setdefault(name, os.path.join(dirpath, filename))
    return found


def ours():
    """Names this project renders itself: theme/shortcodes templates and handlers."""
    names = set(templates([OURS])) if os.path.isdir(OURS) else set()
    return names | set(HANDLERS) | HANDLED_ELSEWHERE


def used(plan):
    """Counter of the shortcodes the planned content files use (each opening or self-closing tag)."""
    counts = collections.Counter()
    for rel, data in plan.items():
        if (
            not rel.startswith(CONTENT_TOPS)
            or not rel.endswith((".md", ".html"))
            or b"{{" not in data
        ):
            continue
        text = data.decode("utf-8", errors="replace")
        try:
            tags, _spans = scan(text)
        except ShortcodeError:  # the build reports it with its line
            continue
        counts.update(tag.name for tag in tags if tag.kind in ("open", "self"))
    return counts


def stand_in(name, origin, go_source=None):
    """Jinja template that shows the inner text and warns at each use."""
    message = (
        f"shortcode {name} {ORIGINS[origin]} and has no template here yet: its inner text is shown as is; "
        f"write content/shortcodes/{name}.html"
    )
    lines = [
        "{#- Written by invoke import-hugo: the Hugo site's pages use this shortcode and nothing here renders it.",
        "    Replace this file with a template (docs/authoring.md, shortcodes): the import keeps yours. -#}",
    ]
    if go_source:
        lines.append(
            "{#- The Hugo template, for reference:\n"
            + go_source.replace("#}", "# }").rstrip()
            + "\n-#}"
        )
    # sc.inner rather than inner: the shortcode may be used with or without a closing tag
    lines += ["{{- warn(" + repr(message) + ") -}}", "{{- sc.inner if sc.inner is not none -}}", ""]
    return "\n".join(lines).encode()


def plan_shortcodes(source, config, dest, plan, report):
    """Carry, cover or stand in for every shortcode of the site and its themes (module docstring)."""
    site_folders, themes, report.themes_missing = template_folders(source, config)
    site = templates(site_folders)
    theme = templates([f for _root, folders in themes for f in folders])
    counts = used(plan)
    ours_ = ours()
    manifest = Manifest(dest)
    report.stand_ins = {}  # name → uses
    for name in sorted(set(site) | set(counts)):
        path = site.get(name) or theme.get(name)
        if {"", ".", ".."} & set(name.split("/")):
            continue  # no template can have that name: the build reports each use
        if name in ours_:
            report.covered.append(name)
            continue
        text = None
        if path:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        rel = f"shortcodes/{name}.html"
        if text is not None and fragments.is_plain(text):
            plan[rel] = fragments.convert(text).encode()
            report.carried.append(name)
        elif not counts[name]:
            report.need_handler.append(
                name
            )  # the site's own, with logic, used by no page: left out
        elif yours(dest, rel, manifest):
            report.covered.append(name)
            if (
                rel in manifest.files
            ):  # the import's stand-in, replaced by hand: kept, and no longer a stand-in
                with open(os.path.join(dest, rel), "rb") as f:
                    plan[rel] = f.read()
        else:
            origin = (
                "site" if name in site else "theme" if path or name not in HUGO_BUILTIN else "hugo"
            )
            plan[rel] = stand_in(name, origin, text)
            report.stand_ins[name] = counts[name]


def yours(dest, rel, manifest):
    """Whether content/shortcodes/NAME.html is a template someone wrote (not the import's stand-in)."""
    path = os.path.join(dest, rel)
    if not os.path.isfile(path):
        return False
    with open(path, "rb") as f:
        return manifest.files.get(rel) != digest(f.read())


def summary_lines(report):
    """The shortcode lines of the import summary."""
    out = []
    if report.carried:
        out.append(
            f"  shortcodes: carried over {len(report.carried)} plain templates: {', '.join(report.carried)}"
        )
    if report.covered:
        out.append(
            f"  shortcodes rendered here already (our templates and handlers, or yours): {', '.join(report.covered)}"
        )
    stand_ins = getattr(report, "stand_ins", {})
    if stand_ins:
        listed = ", ".join(
            f"{name} ({n})" for name, n in sorted(stand_ins.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        out.append(
            f"  shortcodes with no template here, written as stand-ins that show their inner text and warn at "
            f"each use (uses): {listed}; write content/shortcodes/NAME.html for each"
        )
    if report.need_handler:
        out.append(
            f"  shortcodes of the site with template logic, used by no page: not carried: "
            f"{', '.join(report.need_handler)}"
        )
    if getattr(report, "themes_missing", None):
        out.append(
            f"  themes or modules not in the source (Hugo fetches them; their shortcodes are unknown here): "
            f"{', '.join(report.themes_missing)}"
        )
    return out
