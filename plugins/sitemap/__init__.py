"""sitemap.xml and robots.txt, written from what the build actually produced."""

from .plugin import register  # noqa: F401
