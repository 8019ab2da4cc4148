"""Careers: job postings, /jobs/, and the published salary levels."""

from .plugin import register  # noqa: F401
