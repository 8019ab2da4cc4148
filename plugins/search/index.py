"""Run the Pagefind binary (shipped by the ``pagefind_bin`` wheel) over the searchable pages."""

import logging
import os
import shutil
import subprocess
import tempfile

logger = logging.getLogger(__name__)

MARKER = b"data-pagefind-body"


def searchable(site):
    """Site-relative paths of the HTML files with a ``data-pagefind-body`` element.

    Pagefind drops every other page anyway once one page has the marker; giving it
    only these spares it parsing listings, archives and redirects.
    """
    found = []
    for base, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(base, name)
                with open(path, "rb") as file:
                    if MARKER in file.read():
                        found.append(os.path.relpath(path, site))
    return found


def link_tree(site, paths, folder):
    """Mirror ``paths`` of ``site`` under ``folder`` (hard links, copies across devices):
    Pagefind takes each page's URL from its path under ``--site``."""
    for path in paths:
        target = os.path.join(folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(os.path.join(site, path), target)
        except OSError:
            shutil.copyfile(os.path.join(site, path), target)


def pagefind_command(site, output, settings):
    from pagefind_bin import get_executable  # noqa: PLC0415

    return [str(get_executable()), "--site", site, "--output-path", output, *settings["pagefind_args"]]


def build_index(site, settings):
    """Index ``site`` in place; log one error (which fails the build) when Pagefind fails."""
    output = os.path.join(site, settings["bundle"])
    try:
        with tempfile.TemporaryDirectory(prefix=".search-", dir=os.path.dirname(os.path.abspath(site))) as tree:
            link_tree(site, searchable(site), tree)
            command = pagefind_command(tree, output, settings)
            result = subprocess.run(command, capture_output=True, text=True, check=False)
    except (ImportError, FileNotFoundError) as exc:
        logger.error("search: the pagefind binary is missing (%s): pip install -r requirements.txt", exc)
        return False
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())
        logger.error("search: pagefind failed with exit status %s: %s", result.returncode, output)
        return False
    if not os.path.isfile(os.path.join(output, "pagefind.js")):
        logger.error("search: pagefind wrote no index into %s", output)
        return False
    logger.debug("search: %s", " ".join(result.stdout.split()))
    return True
