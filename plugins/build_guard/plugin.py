"""Signals of the build guard: start collecting at ``initialized``, decide at ``finalized``."""

import atexit

from pelican import signals

from .guard import GUARD


def register():
    signals.initialized.connect(GUARD.start)
    signals.finalized.connect(GUARD.finish)
    atexit.register(GUARD.abort)
