"""Run the Pagefind binary (shipped by the ``pagefind_bin`` wheel) over one bundle's pages."""

import glob
import logging
import os
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version

from sitelib.paths import link_or_copy

logger = logging.getLogger(__name__)

# Pagefind's ready-made UIs; the search page uses its JS API only.
UI_FILES = (
    "pagefind-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-component-ui.*",
    "pagefind-highlight.js",
)


GLOB_SPECIAL = "*?[]{},\\!"
MAX_ARGUMENT = 100_000  # Linux takes at most 128 KiB in one command-line argument


class PagefindMissing(Exception):
    pass


def executable():
    try:
        from pagefind_bin import get_executable  # noqa: PLC0415

        return str(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise PagefindMissing(str(exc)) from exc


def pagefind_version():
    try:
        return version("pagefind_bin")
    except PackageNotFoundError as exc:
        raise PagefindMissing(f"no pagefind_bin package: {exc}") from exc


def link_tree(locate, paths, folder):
    """Mirror ``paths`` (the files ``locate(path)``) under ``folder``: Pagefind takes each
    page's URL from its path under ``--site``."""
    for path in paths:
        link_or_copy(locate(path), os.path.join(folder, path))


def index_pages(site, paths, work, args, locate=None):
    """Index ``paths`` of ``site`` into the new folder ``work/bundle``; returns it, or None
    after logging one error (which fails the build).

    Pagefind is pointed at the pages with ``--glob``; paths that a glob would read otherwise,
    too many for one argument, or pages found elsewhere (``locate(path)``: kept from the
    previous output) are mirrored in a folder of hard links instead (making and removing
    one for 1000 posts took 0.27 s)."""
    tree, bundle = os.path.join(work, "pages"), os.path.join(work, "bundle")
    locate = locate or (lambda path: os.path.join(site, path))
    pattern = "{" + ",".join(paths) + "}" if len(paths) > 1 else paths[0]
    if (
        len(pattern) > MAX_ARGUMENT
        or any(char in path for path in paths for char in GLOB_SPECIAL)
        or any(locate(path) != os.path.join(site, path) for path in paths)
    ):
        link_tree(locate, paths, tree)
        where = ["--site", tree]
    else:
        where = ["--site", site, "--glob", pattern]
    result = subprocess.run(
        [executable(), *where, "--output-path", bundle, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(tree, ignore_errors=True)
    name = os.path.basename(work)
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())
        logger.error(
            "search: pagefind failed with exit status %s on bundle %s: %s",
            result.returncode,
            name,
            output,
        )
        return None
    if not os.path.isfile(os.path.join(bundle, "pagefind.js")):
        logger.error("search: pagefind wrote no index for bundle %s", name)
        return None
    for pattern in UI_FILES:
        for path in glob.glob(os.path.join(bundle, pattern)):
            os.remove(path)
    logger.debug("search: bundle %s: %s", name, " ".join(result.stdout.split()))
    return bundle
