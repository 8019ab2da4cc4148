"""A test hook: stop the process dead at a named step, to prove a later run finishes the job."""

import os
import signal


def checkpoint(name):
    """Test hook: NEWSLETTER_TEST_KILL_AT=<name> kills this process here (inert unless set)."""
    if os.environ.get("NEWSLETTER_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
