"""Signals of the front matter plugin: the reader, drafts and scheduled posts."""

from pelican import signals

from sitelib.frontmatter.dates import later_than_now

from .reader import FrontMatterReader

DEFAULTS = {
    "SHOW_DRAFTS": False,  # invoke serve --drafts
    "SHOW_FUTURE": False,  # invoke serve --future
}


def add_reader(readers):
    for ext in FrontMatterReader.file_extensions:
        readers.reader_classes[ext] = FrontMatterReader


def apply_defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def hide_unpublished(generator, metadata):
    """Drafts, posts whose date or publishDate is still to come, and posts past their expiryDate
    are skipped (as Hugo leaves them out), unless asked for.

    Decided here rather than in the reader, so that a cached read of a scheduled post still
    appears once its date has come.
    """
    settings = generator.settings
    if metadata.get("draft") and not settings.get("SHOW_DRAFTS"):
        metadata["status"] = "skip"
    if not settings.get("SHOW_FUTURE"):
        for key in ("date", "publish_date"):
            if later_than_now(metadata.get(key)):
                metadata["status"] = "skip"
    expiry = metadata.get("expiry_date")
    if expiry and not later_than_now(expiry):
        metadata["status"] = "skip"


def register():
    signals.initialized.connect(apply_defaults)
    signals.readers_init.connect(add_reader)
    signals.article_generator_context.connect(hide_unpublished)
    signals.page_generator_context.connect(hide_unpublished)
