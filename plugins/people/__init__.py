"""People: /team/, one page per person, and post authors linked to them."""

from .plugin import register  # noqa: F401
