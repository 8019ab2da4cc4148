"""The PEOPLE settings dict: defaults in one place, checked at start-up."""

import logging

from sitelib.settings import SettingsError, merged

logger = logging.getLogger(__name__)

DEFAULTS = {
    "path": "team",  # person files, relative to PATH
    "group_order": [],  # groups shown first on /team/, in this order; the rest follow alphabetically
    "default_group": "Team",  # heading for people without groups
    "strict_authors": False,  # an author without a person file is an error, not a warning
}


def people_settings(settings):
    """Merge PEOPLE over the defaults (a partial dict is fine) and check each value."""
    conf = merged("people", "PEOPLE", settings.get("PEOPLE"), DEFAULTS)
    if not isinstance(conf["path"], str) or not conf["path"].strip("/"):
        raise SettingsError("people", "PEOPLE['path'] must be a folder name such as 'team'")
    conf["path"] = conf["path"].strip("/")
    order = conf["group_order"]
    if not isinstance(order, (list, tuple)) or not all(isinstance(g, str) for g in order):
        raise SettingsError("people", "PEOPLE['group_order'] must be a list of group names")
    if not isinstance(conf["strict_authors"], bool):
        raise SettingsError("people", "PEOPLE['strict_authors'] must be True or False")
    return conf


def exclude_from_pelican(settings, path):
    """Pelican's own generators must not read (or copy) the person files."""
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if path not in excludes:
            settings[key] = excludes + [path]
