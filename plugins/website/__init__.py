"""Site mechanics (named website: "site" is a Python standard module): page URLs, bundles, data files, redirects, home and 404 pages."""

from .plugin import register  # noqa: F401
