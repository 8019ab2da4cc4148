"""Credentials come only from environment variables; they print as <hidden>."""

import os

from .errors import HIDDEN, NewsletterError

# The variables each channel needs, checked only for the channels a run uses.
NEEDED = {
    "mailchimp": ("MAILCHIMP_API_KEY", "MAILCHIMP_LIST_ID"),
    "x": ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"),
    "buttondown": ("BUTTONDOWN_API_KEY",),
    "bluesky": ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"),
    "mastodon": ("MASTODON_ACCESS_TOKEN", "MASTODON_API_BASE"),
}
NOT_SECRET = ("BLUESKY_HANDLE", "MASTODON_API_BASE")  # shown in the dry run as they are
# Where the clients connect: tests and sandboxes point them at other hosts.
BASES = ("MAILCHIMP_API_BASE", "X_API_BASE", "BUTTONDOWN_API_BASE", "BLUESKY_API_BASE")


class Credentials:
    def __init__(self, environ=None):
        environ = os.environ if environ is None else environ
        self._values = {
            name: environ.get(name, "").strip() for names in NEEDED.values() for name in names
        }
        self.bases = {name: environ.get(name, "").strip().rstrip("/") or None for name in BASES}
        self._values["MASTODON_API_BASE"] = self._values["MASTODON_API_BASE"].rstrip("/")

    @property
    def mailchimp_base(self):
        return self.bases["MAILCHIMP_API_BASE"]

    @property
    def x_base(self):
        return self.bases["X_API_BASE"]

    def __getitem__(self, name):
        return self._values[name]

    def __repr__(self):
        shown = ", ".join(f"{k}={HIDDEN}" for k, v in self._values.items() if v)
        return f"Credentials({shown})"

    def shown(self, name):
        """How the dry run shows a variable: not set, <hidden>, or (not secret) its value."""
        value = self._values[name]
        return "not set" if not value else value if name in NOT_SECRET else HIDDEN

    def secrets(self):
        """Every value that must never be shown (the list id too: it is not public)."""
        values = [v for k, v in self._values.items() if v and k not in NOT_SECRET]
        key = self._values["MAILCHIMP_API_KEY"]
        if "-" in key:
            values.append(key.rsplit("-", 1)[0])  # the key without its data center is still the key
        return values

    def require(self, channel):
        names = NEEDED[channel]
        missing = [n for n in names if not self._values[n]]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            raise NewsletterError(
                f"{channel}: set the environment variable{plural} {', '.join(missing)} (see docs/newsletter.md)"
            )
        if (
            channel == "mailchimp"
            and not self.mailchimp_base
            and "-us" not in self._values["MAILCHIMP_API_KEY"]
        ):
            raise NewsletterError(
                "mailchimp: MAILCHIMP_API_KEY must end in its data center, like -us21 "
                "(copy the whole key from Mailchimp: Account > Extras > API keys)"
            )
        if channel == "mastodon" and not self._values["MASTODON_API_BASE"].startswith(
            ("https://", "http://")
        ):
            raise NewsletterError(
                "mastodon: MASTODON_API_BASE must be the instance's address, like "
                "https://hachyderm.io"
            )

    def mailchimp_server(self):
        return self._values["MAILCHIMP_API_KEY"].rsplit("-", 1)[-1]
