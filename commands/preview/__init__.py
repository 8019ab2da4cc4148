"""The preview server of ``invoke serve`` (not a Pelican plugin: tasks.py imports it)."""
