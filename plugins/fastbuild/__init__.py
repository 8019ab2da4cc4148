"""Faster builds that write the same files: content cache, parallel reading, template cache."""

from .plugin import register  # noqa: F401
