"""Hugo-style front matter (YAML or TOML) for Markdown content."""

from .plugin import register  # noqa: F401
