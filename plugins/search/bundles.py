"""Several Pagefind bundles, re-indexed only when their pages changed.

``SEARCH["bundle"]`` (``pagefind/``) holds one Pagefind bundle per group of pages
(inputs.py), ``bundles.json`` naming them with the ids of their pages (the first
is the one the search page loads; it merges the others), and in each bundle ``inputs.json``: the Pagefind
version and arguments and, for each page, the sha256 of the file and of what
Pagefind reads of it. A bundle whose pages are all unchanged since the previous
build is kept as it is (added to the build session's ``kept`` (sitelib.session), or
left in place when a build without build_guard indexes its own output); the others are
indexed, at most ``SEARCH["jobs"]`` Pagefind processes at a time, each into a new folder.
"""

import json
import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from sitelib.atomic import replacing

from .index import PagefindMissing, index_pages, pagefind_version
from .inputs import PAGES, searchable, searched_digest

logger = logging.getLogger(__name__)

MANIFEST = "inputs.json"
LIST = "bundles.json"


def read_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def write_json(path, value, indent=1):
    """Through a new file: a search page reading it while a build without build_guard
    indexes the served output gets the old one or the new one, whole."""
    with replacing(path, "w", encoding="utf-8") as file:
        json.dump(
            value, file, indent=indent, sort_keys=True, separators=None if indent else (",", ":")
        )
        file.write("\n")


def manifest(locate, files, previous, args, pagefind):
    """The manifest of a bundle of ``files`` (path -> sha256; ``locate(path)`` is where the
    file is); the searched digest of a file is taken from ``previous`` when the file itself
    is unchanged."""
    known = (previous or {}).get("pages", {})
    pages = {}
    for path, digest in files.items():
        old = known.get(path)
        if isinstance(old, dict) and old.get("sha256") == digest and "searched" in old:
            pages[path] = {"sha256": digest, "searched": old["searched"]}
        else:
            with open(locate(path), "rb") as file:
                pages[path] = {"sha256": digest, "searched": searched_digest(file.read())}
    return {"pagefind": pagefind, "args": list(args), "pages": pages}


def comparable(old, files, args, pagefind, bundle):
    """The previous bundle exists and was made by the same Pagefind, arguments and pages."""
    return (
        isinstance(old, dict)
        and old.get("pagefind") == pagefind
        and old.get("args") == list(args)
        and set(old.get("pages", ())) == set(files)
        and os.path.isfile(os.path.join(bundle, "pagefind.js"))
    )


def same_index(new, old):
    """Pagefind would write the same bundle for both (whole-file digests may differ)."""

    def key(m):
        return (
            m.get("pagefind"),
            m.get("args"),
            {p: d.get("searched") for p, d in m.get("pages", {}).items()},
        )

    return isinstance(old, dict) and key(new) == key(old)


def keep_tree(kept, previous, folder):
    """Every file under ``folder`` of the previous output stays as it is."""
    for base, _dirs, files in os.walk(folder):
        under = base[len(previous) + 1 :]  # ``folder`` is inside ``previous``
        kept.update(os.path.join(under, name) for name in files)


def put(folder, target):
    """Move ``folder`` to ``target``, replacing what is there."""
    if os.path.lexists(target):
        old = target + ".old"
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
        shutil.move(folder, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.move(folder, target)


def page_ids(bundle):
    """Pagefind's ids of the pages of a bundle (its fragment files): the search page
    tells by them which bundle a result comes from."""
    return sorted(name.split(".")[0] for name in os.listdir(os.path.join(bundle, "fragment")))


def order(names):
    """Pages first, then posts newest first: the first bundle is the primary one."""
    return [PAGES] * (PAGES in names) + sorted((n for n in names if n != PAGES), reverse=True)


def previous_bundles(old_root):
    """The manifests of the previous bundles, and what each page was: path -> (bundle, sha256)."""
    old = {
        name: read_json(os.path.join(old_root, name, MANIFEST))
        for name in (os.listdir(old_root) if os.path.isdir(old_root) else ())
    }
    known = {
        path: (name, page.get("sha256"))
        for name, m in old.items()
        if isinstance(m, dict)
        for path, page in m.get("pages", {}).items()
        if isinstance(page, dict)
    }
    return old, known


def work_folder(site):
    """Beside the site (same disk, for hard links), named like build_guard's staging (git-ignored)."""
    return tempfile.mkdtemp(
        prefix=f".{os.path.basename(site)}.building-search-", dir=os.path.dirname(site)
    )


def locator(site, previous, kept):
    def locate(path):  # a page this build wrote, or one it kept from the previous output
        return os.path.join(site if kept is None or path not in kept else previous, path)

    return locate


def index_site(site, previous, settings, kept=None):
    """Index ``site`` into ``site/SEARCH["bundle"]``, reusing the bundles of ``previous``:
    ``site`` itself when indexed in place, or build_guard's last output, then with ``kept``
    (its set of files of ``previous`` that stay as they are): those pages count as part of
    ``site``, and unchanged bundles are added to it. Returns False after logging errors."""
    start = time.perf_counter()
    site, previous = os.path.abspath(site), os.path.abspath(previous)
    root = os.path.join(site, settings["bundle"])
    old_root = os.path.join(previous, settings["bundle"])
    args = settings["pagefind_args"]
    old, known = previous_bundles(old_root)
    groups = searchable(site, known, kept)
    locate = locator(site, previous, kept)
    names = order(groups)
    old = {name: old.get(name) for name in names}
    work = work_folder(site)
    try:
        pagefind = pagefind_version()
        # Compare page by page only bundles that may be reusable; the others' manifests are
        # made while Pagefind runs.
        manifests = {
            name: manifest(locate, groups[name], old[name], args, pagefind)
            for name in names
            if comparable(old[name], groups[name], args, pagefind, os.path.join(old_root, name))
        }
        stale = [
            name
            for name in names
            if name not in manifests or not same_index(manifests[name], old[name])
        ]
        stale.sort(key=lambda name: -len(groups[name]))  # the largest first, for two at a time
        with ThreadPoolExecutor(max(1, min(settings["jobs"], len(stale)))) as pool:
            running = {
                name: pool.submit(
                    index_pages, site, sorted(groups[name]), os.path.join(work, name), args, locate
                )
                for name in stale
            }
            for name in names:
                if name not in manifests:
                    manifests[name] = manifest(locate, groups[name], old[name], args, pagefind)
            built = {}
            for name, future in running.items():
                built[name] = future.result()
                if built[name] is None:  # logged; the same arguments would fail the others too
                    for other in running.values():
                        other.cancel()
                    return False
        os.makedirs(root, exist_ok=True)
        for name in names:
            target = os.path.join(root, name)
            if name in built:
                write_json(os.path.join(built[name], MANIFEST), manifests[name])
                put(built[name], target)
                continue
            if kept is not None:
                keep_tree(kept, previous, os.path.join(old_root, name))
            if manifests[name] != old[name]:  # the same index; some file digests changed
                os.makedirs(target, exist_ok=True)
                write_json(os.path.join(target, MANIFEST), manifests[name])
        for entry in set(os.listdir(root)) - set(names) - {LIST}:
            path = os.path.join(root, entry)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(
                path
            )
        listing = {
            "bundles": [
                {
                    "name": name,
                    "pages": page_ids(
                        os.path.join(
                            old_root if kept is not None and name not in built else root, name
                        )
                    ),
                }
                for name in names
            ]
        }
        if read_json(os.path.join(root, LIST)) != listing:
            write_json(
                os.path.join(root, LIST), listing, indent=None
            )  # fetched by every search page
        logger.info(
            "search: %d of %d bundles indexed again (%s), %d pages, in %.2f s",
            len(stale),
            len(names),
            ", ".join(stale) or "none",
            sum(map(len, groups.values())),
            time.perf_counter() - start,
        )
        return True
    except PagefindMissing as exc:
        logger.error(
            "search: the pagefind binary is missing (%s): pip install -r requirements.txt", exc
        )
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)
