"""Faster builds that write the same files: content cache and parallel reading."""

from .plugin import register  # noqa: F401
