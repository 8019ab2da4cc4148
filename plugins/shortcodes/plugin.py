"""Hugo shortcodes in Markdown: ``{{< name >}}`` and ``{{% name %}}``.

Signals: at ``initialized`` the settings are checked, every plugin's handlers
are collected through the named signal ``shortcode_handlers`` and the
preprocessor is installed in ``MARKDOWN["extensions"]``; the frontmatter
reader then expands shortcodes in each file it reads.
"""

import logging

from blinker import signal
from pelican import signals

from sitelib.settings import SettingsError, merged

from . import handlers
from .engine import Engine
from .extension import ShortcodeExtension

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Folders inside the content folder searched for NAME.html before theme/shortcodes/.
    "site_folders": ["shortcodes"],
}

shortcode_handlers = signal("shortcode_handlers")
EXTENSION = ShortcodeExtension()


def configure(pelican):
    settings = pelican.settings
    conf = merged("shortcodes", "SHORTCODES", settings.get("SHORTCODES"), DEFAULTS)
    if not isinstance(conf["site_folders"], list) or not all(
        isinstance(f, str) for f in conf["site_folders"]
    ):
        raise SettingsError(
            "shortcodes", "SHORTCODES['site_folders'] must be a list of folder names"
        )
    settings["SHORTCODES"] = conf

    collected = {}
    for _receiver, result in shortcode_handlers.send(pelican):
        for name, handler in (result or {}).items():
            if not callable(handler):
                raise SettingsError("shortcodes", f"handler for {name!r} is not callable")
            collected[name] = handler
    EXTENSION.engine = Engine(settings, collected)

    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, ShortcodeExtension)]
    extensions.append(EXTENSION)


def builtin_handlers(sender):
    return handlers.HANDLERS


def register():
    shortcode_handlers.connect(builtin_handlers)
    signals.initialized.connect(configure)
