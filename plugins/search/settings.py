"""The ``SEARCH`` setting: defaults in one place, checked at ``initialized``."""

from sitelib.settings import SettingsError

DEFAULTS = {
    "bundle": "pagefind",  # folder of the index in the output (Pagefind's --output-subdir)
    "url": "search/",  # the search page
    "save_as": "search/index.html",
    "template": "search",  # theme template of the search page
    "pagefind_args": [],  # extra command-line arguments for pagefind
    "jobs": 2,  # Pagefind processes at a time (each holds one bundle: about 45 MiB per 100 posts)
}


def validated(value):
    """``SEARCH`` merged over the defaults; raises SettingsError naming the bad key."""
    value = {} if value is None else value
    if not isinstance(value, dict):
        raise SettingsError("search", f"SEARCH must be a dict, not {type(value).__name__}")
    unknown = sorted(set(value) - set(DEFAULTS))
    if unknown:
        raise SettingsError(
            "search", f"unknown SEARCH key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **value}
    for key in ("bundle", "url", "save_as", "template"):
        if not isinstance(merged[key], str) or not merged[key].strip():
            raise SettingsError("search", f"SEARCH[{key!r}] must be a non-empty string")
    if merged["bundle"].strip("/") != merged["bundle"] or ".." in merged["bundle"].split("/"):
        raise SettingsError(
            "search", "SEARCH['bundle'] must be a folder name inside the output, like 'pagefind'"
        )
    if not isinstance(merged["pagefind_args"], list) or not all(
        isinstance(a, str) for a in merged["pagefind_args"]
    ):
        raise SettingsError("search", "SEARCH['pagefind_args'] must be a list of strings")
    if (
        isinstance(merged["jobs"], bool)
        or not isinstance(merged["jobs"], int)
        or merged["jobs"] < 1
    ):
        raise SettingsError("search", "SEARCH['jobs'] must be a whole number of at least 1")
    return merged
