"""Signals of the sitemap plugin."""

from blinker import signal
from pelican import signals

from sitelib.settings import SettingsError, merged

from .sitemap import WRITTEN, SitemapGenerator, note_written

DEFAULTS = {
    "EXCLUDE": ["404.html"],  # output paths left out of sitemap.xml
}


def configure(pelican):
    """``initialized``: ``SITEMAP_SETTINGS`` over its defaults."""
    conf = merged("sitemap", "SITEMAP_SETTINGS", pelican.settings.get("SITEMAP_SETTINGS"), DEFAULTS)
    if not isinstance(conf["EXCLUDE"], list):
        raise SettingsError("sitemap", "SITEMAP_SETTINGS['EXCLUDE'] must be a list of output paths")
    pelican.settings["SITEMAP_SETTINGS"] = conf
    WRITTEN.clear()  # a new build (serve builds many times in one process)


def add_generator(pelican):
    return SitemapGenerator


def outputs(generators):
    """``site_outputs`` (named signal of the website plugin): the two files it writes."""
    if any(isinstance(g, SitemapGenerator) for g in generators):
        yield ("sitemap.xml", "the sitemap", "generated")
        yield ("robots.txt", "the robots.txt the sitemap plugin writes", "generated")


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(note_written)
    signal("site_outputs").connect(outputs)
