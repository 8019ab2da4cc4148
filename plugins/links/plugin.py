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

from .extension import LinksExtension
from .redirects import read_redirects
from .urls import ContentIndex

DEFAULTS = {
    "missing": "error",  # or "warn": a link to content that does not exist
    "generated": [],  # site path prefixes other plugins write without a content file, e.g. "/search/"
}


class SettingsError(SystemExit):
    """Stops the build with the message alone (no traceback), like the other plugins."""


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
    conf = dict(DEFAULTS, **(settings.get("LINKS") or {}))
    unknown = set(conf) - set(DEFAULTS)
    if unknown:
        raise SettingsError(f"links: unknown LINKS keys {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    if conf["missing"] not in ("error", "warn"):
        raise SettingsError(f"links: LINKS['missing'] must be 'error' or 'warn', not {conf['missing']!r}")
    if not isinstance(conf["generated"], list) or not all(isinstance(p, str) and p.startswith("/") for p in conf["generated"]):
        raise SettingsError("links: LINKS['generated'] must be a list of site paths like '/search/'")
    settings["LINKS"] = conf
    STATE.settings = settings
    STATE._index = None  # a new build sees the files as they are now
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, LinksExtension)]
    extensions.append(EXTENSION)


def data_redirects(sender):
    return read_redirects(sender.settings)


def index_digest(sender, settings):
    index = STATE.index()
    return index.digest() if index is not None else None


def register():
    signals.initialized.connect(configure)
    signal("site_redirects").connect(data_redirects)
    signal("fastbuild_fingerprint").connect(index_digest)
