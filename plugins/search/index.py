"""Run the Pagefind binary (shipped by the ``pagefind_bin`` wheel) over the built output."""

import logging
import os
import subprocess

logger = logging.getLogger(__name__)


def pagefind_command(site, settings):
    from pagefind_bin import get_executable  # noqa: PLC0415

    return [str(get_executable()), "--site", site, "--output-subdir", settings["bundle"],
            *settings["pagefind_args"]]


def build_index(site, settings):
    """Index ``site`` in place; log one error (which fails the build) when Pagefind fails."""
    try:
        command = pagefind_command(site, settings)
    except (ImportError, FileNotFoundError) as exc:
        logger.error("search: the pagefind binary is missing (%s): pip install -r requirements.txt", exc)
        return False
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = " ".join((result.stderr or result.stdout).split())
        logger.error("search: pagefind failed with exit status %s: %s", result.returncode, output)
        return False
    if not os.path.isfile(os.path.join(site, settings["bundle"], "pagefind.js")):
        logger.error("search: pagefind wrote no index into %s", os.path.join(site, settings["bundle"]))
        return False
    logger.debug("search: %s", " ".join(result.stdout.split()))
    return True
