"""In the build: NEWSLETTER is checked, and the archive of sent issues is written from the ledger.
The build never calls a service; ``invoke newsletter`` does."""

from pelican import signals

from commands.newsletter.settings import validate_at_start

from . import archive


def register():
    signals.initialized.connect(validate_at_start)
    archive.register()
