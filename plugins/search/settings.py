"""The ``SEARCH`` setting: defaults in one place, checked at ``initialized``."""

from sitelib.settings import SettingsError, merged, whole

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
    conf = merged("search", "SEARCH", value, DEFAULTS)
    for key in ("bundle", "url", "save_as", "template"):
        if not isinstance(conf[key], str) or not conf[key].strip():
            raise SettingsError("search", f"SEARCH[{key!r}] must be a non-empty string")
    if conf["bundle"].strip("/") != conf["bundle"] or ".." in conf["bundle"].split("/"):
        raise SettingsError(
            "search", "SEARCH['bundle'] must be a folder name inside the output, like 'pagefind'"
        )
    if not isinstance(conf["pagefind_args"], list) or not all(
        isinstance(a, str) for a in conf["pagefind_args"]
    ):
        raise SettingsError("search", "SEARCH['pagefind_args'] must be a list of strings")
    if not whole(conf["jobs"], 1):
        raise SettingsError("search", "SEARCH['jobs'] must be a whole number of at least 1")
    return conf
