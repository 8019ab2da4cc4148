"""YAML data files (not front matter: see sitelib.frontmatter) read with libyaml when PyYAML
was built with it: the same safe types as ``yaml.safe_load``, about ten times faster."""

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    return yaml.load(stream, Loader=LOADER)
