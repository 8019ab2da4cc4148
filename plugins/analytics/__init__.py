"""Opt-in, privacy-friendly analytics (Plausible) with its script served from the site itself."""

from .plugin import register  # noqa: F401
