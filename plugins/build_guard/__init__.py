"""Fail a build once, listing every problem, and never leave a half-written site."""

from .plugin import register  # noqa: F401
