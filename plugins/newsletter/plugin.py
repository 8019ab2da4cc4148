"""In the build: NEWSLETTER is checked, and the archive of sent issues is written from the ledger.
The build never calls a service; ``invoke newsletter`` does."""

from pelican import signals

from . import archive
from .settings import validate_at_start


def register():
    signals.initialized.connect(validate_at_start)
    archive.register()
