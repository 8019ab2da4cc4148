"""Credentials come only from environment variables; they print as <hidden>."""

import os

from .errors import HIDDEN, NewsletterError

MAILCHIMP = ("MAILCHIMP_API_KEY", "MAILCHIMP_LIST_ID")
X = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")
# Where the clients connect: tests and sandboxes point them at other hosts.
BASES = ("MAILCHIMP_API_BASE", "X_API_BASE")


class Credentials:
    def __init__(self, environ=None):
        environ = os.environ if environ is None else environ
        self._values = {name: environ.get(name, "").strip() for name in MAILCHIMP + X}
        self.mailchimp_base = environ.get("MAILCHIMP_API_BASE", "").strip().rstrip("/") or None
        self.x_base = environ.get("X_API_BASE", "").strip().rstrip("/") or None

    def __getitem__(self, name):
        return self._values[name]

    def __repr__(self):
        return "Credentials(%s)" % ", ".join(f"{k}={HIDDEN}" for k, v in self._values.items() if v)

    def secrets(self):
        """Every value that must never be shown (the list id too: it is not public)."""
        values = [v for v in self._values.values() if v]
        key = self._values["MAILCHIMP_API_KEY"]
        if "-" in key:
            values.append(key.rsplit("-", 1)[0])  # the key without its data center is still the key
        return values

    def require(self, channel):
        names = MAILCHIMP if channel == "mailchimp" else X
        missing = [n for n in names if not self._values[n]]
        if missing:
            raise NewsletterError(
                "%s: set the environment variable%s %s (see README, 'Weekly newsletter')"
                % (channel, "s" if len(missing) > 1 else "", ", ".join(missing))
            )
        if channel == "mailchimp" and not self.mailchimp_base and "-us" not in self._values["MAILCHIMP_API_KEY"]:
            raise NewsletterError(
                "mailchimp: MAILCHIMP_API_KEY must end in its data center, like -us21 "
                "(copy the whole key from Mailchimp: Account > Extras > API keys)"
            )

    def mailchimp_server(self):
        return self._values["MAILCHIMP_API_KEY"].rsplit("-", 1)[-1]
