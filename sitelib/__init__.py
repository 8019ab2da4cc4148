"""Library code shared by the plugins and the commands (importable, not a Pelican plugin)."""
