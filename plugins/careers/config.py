"""The CAREERS settings dict: defaults in one place, checked at start-up."""

from sitelib.settings import SettingsError, merged

DEFAULTS = {
    "path": "jobs",  # postings, relative to PATH; URLs mirror it (jobs/2023/x.md -> /jobs/2023/x/)
    "salaries": "data/salaries.yaml",  # salary levels, relative to PATH
    "redirects": ["/careers/"],  # old paths that lead to /jobs/
    "employment_type": "FULL_TIME",  # JobPosting employmentType unless a posting sets employment_type
}


def careers_settings(settings):
    conf = merged("careers", "CAREERS", settings.get("CAREERS"), DEFAULTS)
    for key in ("path", "salaries", "employment_type"):
        if not isinstance(conf[key], str) or not conf[key].strip("/"):
            raise SettingsError("careers", f"CAREERS[{key!r}] must be text")
    conf["path"] = conf["path"].strip("/")
    redirects = conf["redirects"]
    if not isinstance(redirects, (list, tuple)) or not all(
        isinstance(r, str) and r.startswith("/") for r in redirects
    ):
        raise SettingsError(
            "careers", "CAREERS['redirects'] must be a list of site paths like '/careers/'"
        )
    return conf


def exclude_from_pelican(settings, path):
    """Pelican's own generators must not read the postings as pages or articles."""
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if path not in excludes:
            settings[key] = excludes + [path]
