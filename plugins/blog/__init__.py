"""Blog mechanics: multi-valued categories, newer/older links, feeds that stand alone."""

from .plugin import register  # noqa: F401
