"""Front matter (YAML, TOML, JSON, Org) as Hugo reads it, and the Markdown extensions our pages use:
nothing here depends on Pelican, so the reader plugin and the Hugo importer share it."""
