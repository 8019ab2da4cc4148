"""``invoke newsletter``: announce new posts by email and on social channels, each exactly once (docs/newsletter.md).

The plugin of the same name (plugins/newsletter) only checks these settings in the build and
writes the archive from the ledger; this package does the sending.
"""
