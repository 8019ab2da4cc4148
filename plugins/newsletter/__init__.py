"""Weekly newsletter (Mailchimp) and one X post per new blog post, each exactly once.

The Pelican build only validates the settings; ``invoke newsletter`` does the pushing.
"""

from .plugin import register  # noqa: F401
