"""The RELATED settings dict: defaults in one place (2i2c's Hugo ``related:`` config), checked at start-up."""

from sitelib.settings import SettingsError, merged, whole

from .ranking import Config, IndexConfig

DEFAULTS = {
    # Hugo's keys, with the values of 2i2c's config/_default/hugo.yaml
    "threshold": 80,
    "includeNewer": True,
    "toLower": True,
    "indices": [{"name": "tags", "weight": 100}, {"name": "categories", "weight": 70}],
    # ours
    "limit": 3,  # related posts shown under a post
    "backlinks": [
        "/collaborators/"
    ],  # pages under these addresses list the posts linking to them (people always)
}
INDEX_KEYS = {"name", "weight", "toLower", "pattern"}


def fail(message):
    raise SettingsError("related", f"{message} (see docs/related.md)")


def related_settings(settings):
    """RELATED merged over the defaults, checked; returns (conf, ranking.Config)."""
    conf = merged("related", "RELATED", settings.get("RELATED"), DEFAULTS)
    if not whole(conf["threshold"], 0, 100):
        fail("RELATED['threshold'] must be a whole number from 0 to 100")
    for key in ("includeNewer", "toLower"):
        if not isinstance(conf[key], bool):
            fail(f"RELATED['{key}'] must be True or False")
    if not whole(conf["limit"]):
        fail("RELATED['limit'] must be a whole number, 0 or more")
    backlinks = conf["backlinks"]
    if not isinstance(backlinks, list) or not all(
        isinstance(p, str) and p.startswith("/") for p in backlinks
    ):
        fail("RELATED['backlinks'] must be a list of site paths like '/collaborators/'")
    indices = conf["indices"]
    if not isinstance(indices, list) or not indices:
        fail("RELATED['indices'] must be a list like [{'name': 'tags', 'weight': 100}]")
    parsed = []
    for number, index in enumerate(indices, 1):
        where = f"RELATED['indices'] entry {number}"
        if (
            not isinstance(index, dict)
            or not isinstance(index.get("name"), str)
            or not index["name"]
        ):
            fail(f"{where} needs a 'name' (a front matter field such as 'tags')")
        bad = sorted(set(index) - INDEX_KEYS)
        if bad:
            fail(f"{where} has unknown keys {bad}; known: {sorted(INDEX_KEYS)}")
        weight = index.get("weight", 0)
        if isinstance(weight, bool) or not isinstance(weight, int):
            fail(f"{where} needs a whole-number 'weight'")
        lower = index.get("toLower", False)
        pattern = index.get("pattern", "")
        if not isinstance(lower, bool) or not isinstance(pattern, str):
            fail(f"{where}: 'toLower' must be True or False and 'pattern' text")
        parsed.append(IndexConfig(index["name"].lower(), weight, lower or conf["toLower"], pattern))
    return conf, Config(parsed, conf["threshold"], conf["includeNewer"])
