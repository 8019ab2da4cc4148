"""The build only checks the NEWSLETTER settings: it never calls Mailchimp or X."""

from pelican import signals

from . import archive
from .settings import validate_at_start


def register():
    signals.initialized.connect(validate_at_start)
    archive.register()
