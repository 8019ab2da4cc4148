"""``invoke import-hugo``: bring a Hugo site's content into this project (not a Pelican plugin)."""

from .importer import import_site

__all__ = ["import_site"]
