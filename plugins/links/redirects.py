"""``content/data/redirects.yaml`` (a list of ``{from, to}``; import-hugo writes it for
Hugo's raw HTML redirect pages) → redirect pages, through the site plugin's signal."""

import logging
import os

import yaml

from sitelib.paths import display_path

logger = logging.getLogger(__name__)


def read_redirects(settings):
    """[(old_path, new_url, file, line)], each broken entry logged as file:line."""
    path = os.path.join(settings["PATH"], "data", "redirects.yaml")
    if not os.path.isfile(path):
        return []
    shown = display_path(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        node = yaml.compose(text)
        entries = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        logger.error(
            "%s:%d: invalid YAML: %s",
            shown,
            mark.line + 1 if mark else 1,
            getattr(exc, "problem", exc),
        )
        return []
    if not isinstance(entries, list):
        logger.error("%s:1: expected a list of 'from: /old/path/' + 'to: URL' entries", shown)
        return []
    found = []
    for index, entry in enumerate(entries):
        line = node.value[index].start_mark.line + 1
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("from"), str)
            or not isinstance(entry.get("to"), str)
        ):
            logger.error("%s:%d: each redirect needs 'from: /old/path/' and 'to: URL'", shown, line)
            continue
        found.append((entry["from"], entry["to"], shown, line))
    return found
