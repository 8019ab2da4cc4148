"""A weekly email (Mailchimp or Buttondown) and one post per new blog post on X, Bluesky and
Mastodon, each exactly once (docs/newsletter.md).

The Pelican build only validates the settings; ``invoke newsletter`` does the pushing.
"""

from .plugin import register  # noqa: F401
