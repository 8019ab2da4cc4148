"""Faster builds that write the same files: content kept between builds, parallel reading and
rendering, and pages of the previous output kept when nothing they show changed."""

from .plugin import register  # noqa: F401
