"""Machine-written YAML (import-hugo's lists) read with libyaml when PyYAML was built with it:
the same safe types as ``yaml.safe_load``, about ten times faster. Files authors write keep
PyYAML's own loader (and front matter sitelib.frontmatter's), whose error messages are clearer."""

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    return yaml.load(stream, Loader=LOADER)
