"""Links between content files, written as Hugo authors write them, become page URLs.

Signals: ``initialized`` checks ``LINKS`` and installs the Markdown extension;
the content tree is indexed once per build, on the first link, from the files
on disk (slugs read from front matter), so no second pass over articles is needed.
The site plugin's ``site_redirects`` signal gets the entries of content/data/redirects.yaml;
the fastbuild plugin's ``fastbuild_fingerprint`` signal gets a digest of the index, so a
cached read is dropped when a link in it could resolve differently.
"""

from blinker import signal
from pelican import signals

from sitelib.settings import SettingsError, merged

from .extension import LinksExtension
from .redirects import read_redirects
from .urls import ContentIndex

DEFAULTS = {
    "missing": "error",  # or "warn": a link to content that does not exist
    "generated": [],  # site path prefixes other plugins write without a content file, e.g. "/search/"
    # import-hugo's list of links already broken on the Hugo site (in PATH): each is a warning, not an error
    "known_broken": "broken-at-source.yaml",
    # addresses a post had before, from its folder under the blog ({folder}: 2021/hello-world):
    # each becomes a redirect page, and links to it lead to the post
    "old_paths": [],
    # front matter parsed by earlier builds kept in CACHE_PATH, by file size and modification time
    "cache": True,
}


class State:
    def __init__(self):
        self.settings = None
        self._index = None

    def index(self):
        if self._index is None and self.settings is not None:
            self._index = ContentIndex(self.settings)
        return self._index


STATE = State()
EXTENSION = LinksExtension(STATE)


def configure(pelican):
    settings = pelican.settings
    conf = merged("links", "LINKS", settings.get("LINKS"), DEFAULTS)
    if conf["missing"] not in ("error", "warn"):
        raise SettingsError(
            "links", f"LINKS['missing'] must be 'error' or 'warn', not {conf['missing']!r}"
        )
    if not isinstance(conf["generated"], list) or not all(
        isinstance(p, str) and p.startswith("/") for p in conf["generated"]
    ):
        raise SettingsError(
            "links", "LINKS['generated'] must be a list of site paths like '/search/'"
        )
    if not isinstance(conf["known_broken"], str):
        raise SettingsError(
            "links", "LINKS['known_broken'] must be a file name in the content folder, or ''"
        )
    if not isinstance(conf["cache"], bool):
        raise SettingsError("links", "LINKS['cache'] must be True or False")
    old = conf["old_paths"]
    if not isinstance(old, list) or not all(
        isinstance(p, str) and p.startswith("/") and "{folder}" in p for p in old
    ):
        raise SettingsError(
            "links", "LINKS['old_paths'] must be a list of paths like '/posts/{folder}/'"
        )
    settings["LINKS"] = conf
    STATE.settings = settings
    # Templates ask before linking to a page the site may not have: {% if site_has('/contact/') %}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "site_has": site_has}
    STATE._index = None  # a new build sees the files as they are now
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, LinksExtension)]
    extensions.append(EXTENSION)


def site_has(path):
    index = STATE.index()
    return index is not None and index.has_address(path)


def data_redirects(sender):
    index = STATE.index()
    return read_redirects(sender.settings) + (
        index.old_path_redirects() if index is not None else []
    )


def index_digest(sender, settings):
    index = STATE.index()
    return index.digest() if index is not None else None


def register():
    signals.initialized.connect(configure)
    signal("site_redirects").connect(data_redirects)
    signal("fastbuild_fingerprint").connect(index_digest)
