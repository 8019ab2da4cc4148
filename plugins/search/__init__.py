"""Static full-text search: a Pagefind index of posts and pages, and a /search/ page."""

from .plugin import register  # noqa: F401
