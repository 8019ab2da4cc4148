"""The one exception type of this plugin, and how secrets are kept out of every message."""

import logging


class NewsletterError(Exception):
    """A problem the user can fix; the message says what to do. Exits with status 1."""

    exit_code = 1


class Busy(NewsletterError):
    """Another run holds the lock: this run stopped before changing anything."""

    exit_code = 75


HIDDEN = "<hidden>"


def scrub(text, secrets):
    """Replace every secret value in ``text`` with <hidden>."""
    text = str(text)
    for value in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(value, HIDDEN)
    return text


class ScrubFilter(logging.Filter):
    """Rewrites each log record so that no secret value can reach a handler."""

    def __init__(self, secrets):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record):
        record.msg = scrub(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info:
            import traceback  # noqa: PLC0415

            record.msg += "\n" + scrub(
                "".join(traceback.format_exception(*record.exc_info)), self.secrets
            )
            record.exc_info = None
            record.exc_text = None
        return True
