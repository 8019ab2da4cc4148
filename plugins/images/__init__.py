"""Responsive images (sizes, lazy loading, resized WebP versions) and social cards for posts."""

from .plugin import register  # noqa: F401
