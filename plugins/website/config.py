"""The ``SITE`` settings dict: defaults in one place, validated at ``initialized``."""

import logging

from sitelib.settings import SettingsError

logger = logging.getLogger(__name__)

DEFAULTS = {
    "DATA_PATH": "data",  # content/data/*.yaml|toml -> DATA.<name> in templates
    "STATIC_ROOT": "static",  # content/static/** -> output root, like Hugo's static/
    "HOME_LATEST": 6,  # latest posts on the home page
    "HOME_FEATURED": 3,  # featured posts on the home page
    "NOT_FOUND_SAVE_AS": "404.html",
    "MENU": [  # used when content/data/menu.yaml does not exist
        {"name": "Blog", "url": "/blog/"},
        {"name": "About", "url": "/about/"},
        {"name": "Team", "url": "/team/"},
        {"name": "Jobs", "url": "/jobs/"},
        {"name": "Contact", "url": "/contact/"},
    ],
}

TYPES = {
    "DATA_PATH": str,
    "STATIC_ROOT": str,
    "HOME_LATEST": int,
    "HOME_FEATURED": int,
    "NOT_FOUND_SAVE_AS": str,
    "MENU": list,
}


def configure(settings):
    """Merge ``SITE`` over the defaults; a wrong type stops the build naming the key."""
    given = settings.get("SITE") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    merged = {**DEFAULTS, **given}
    problems = [f"unknown setting SITE[{k!r}]; known: {', '.join(DEFAULTS)}" for k in unknown]
    for key, kind in TYPES.items():
        if not isinstance(merged[key], kind) or (kind is int and isinstance(merged[key], bool)):
            problems.append(f"SITE[{key!r}] must be {kind.__name__}, not {merged[key]!r}")
    if problems:
        raise SettingsError("website", "\nwebsite: ".join(problems))
    settings["SITE"] = merged
    return merged
