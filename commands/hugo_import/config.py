"""A Hugo site's configuration, merged as Hugo merges it.

Hugo reads ``hugo.toml|yaml|json`` (or ``config.*``) at the site root, then every file of
``config/_default/``: ``hugo.*``/``config.*`` at the top level, and any other ``NAME.*`` as
the value of key ``NAME`` (``menus.toml`` → ``menus``, ``params.yaml`` → ``params``).
Keys are compared without case, as Hugo compares them.
"""

import json
import os
import tomllib

import yaml

FORMATS = ("toml", "yaml", "yml", "json")


def _load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    ext = path.rsplit(".", 1)[-1]
    if ext == "toml":
        return tomllib.loads(text)
    if ext == "json":
        return json.loads(text)
    return yaml.safe_load(text) or {}


def lower_keys(value):
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def merge(base, extra):
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def read_config(source):
    """(config with lower-case keys, problems): a file that cannot be read is a problem line, not a stop."""
    config, problems = {}, []
    paths = []
    for name in ("hugo", "config"):
        found = [
            os.path.join(source, f"{name}.{ext}")
            for ext in FORMATS
            if os.path.isfile(os.path.join(source, f"{name}.{ext}"))
        ]
        if found:
            paths.append((None, found[0]))
            break
    folder = os.path.join(source, "config", "_default")
    if os.path.isdir(folder):
        for filename in sorted(os.listdir(folder)):
            stem, _, ext = filename.rpartition(".")
            if ext in FORMATS:
                paths.append(
                    (
                        None if stem in ("hugo", "config") else stem.lower(),
                        os.path.join(folder, filename),
                    )
                )
    for key, path in paths:
        try:
            data = lower_keys(_load(path))
        except (
            OSError,
            UnicodeDecodeError,
            tomllib.TOMLDecodeError,
            yaml.YAMLError,
            json.JSONDecodeError,
        ) as exc:
            problems.append(
                f"{path}:1: the Hugo configuration cannot be read ({str(exc).splitlines()[0]}); "
                "its settings (menus, languages, permalinks) are not imported"
            )
            continue
        if not isinstance(data, (dict, list)):
            continue
        merge(config, {key: data} if key else data if isinstance(data, dict) else {})
    return config, problems
