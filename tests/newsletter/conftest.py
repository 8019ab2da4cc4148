"""The newsletter tests' fixtures: the five fake services and the command runner."""

from newsletter_support import bluesky, buttondown, fakes, mailchimp, mastodon, newsletter, x  # noqa: F401
