"""Load ``content/data/*.yaml|toml`` once per build into ``DATA`` for templates."""

import logging
import os
import re
import tomllib

import yaml

logger = logging.getLogger(__name__)

EXTENSIONS = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


class Data(dict):
    """A dict whose keys also read as attributes (``DATA.menu``), and ``None`` when missing."""

    def __getattr__(self, name):
        return self.get(name)


def load_data(folder, shown):
    """Every data file of ``folder``; each broken file is logged as ``file:line: problem``."""
    data = Data()
    if not os.path.isdir(folder):
        return data
    for name in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(name)
        if ext not in EXTENSIONS or name.startswith("."):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            data[stem] = parse(text, EXTENSIONS[ext])
            continue
        except ValueError as exc:
            line, message = exc.args
        # Logged outside the except block, so the log line is only ours.
        logger.error("%s:%d: %s", shown(path), line, message)
    return data


def parse(text, fmt):
    if fmt == "yaml":
        try:
            return yaml.safe_load(text)  # PyYAML's own loader: its error messages are clearer
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            # An unclosed bracket is found at the end of the file: point at the last written line.
            last = len(text.rstrip().splitlines()) or 1
            line = min(mark.line + 1, last) if mark else 1
            raise ValueError(
                line, f"invalid YAML: {getattr(exc, 'problem', None) or exc}"
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        raise ValueError(int(match.group(1)) if match else 1, f"invalid TOML: {exc}") from None


def item_lines(text):
    """Line of each top-level list item in a YAML file (for messages about menu entries)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


def check_menu(menu, path, shown):
    """The menu is a list of {name, url, children}; log each wrong entry with its line."""
    lines = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            lines = item_lines(f.read())
    where = shown(path) if path else "SITE['MENU']"
    if not isinstance(menu, list):
        logger.error(
            "%s:1: the menu must be a list of entries like '- {name: Blog, url: /blog/}'", where
        )
        return []
    good = []
    for index, entry in enumerate(menu):
        line = lines[index] if index < len(lines) else 1
        problem = menu_entry_problem(entry)
        if problem:
            logger.error("%s:%d: menu entry %d %s", where, line, index + 1, problem)
        else:
            good.append(entry)
    return good


def menu_entry_problem(entry):
    if not isinstance(entry, dict) or not entry.get("name"):
        return "needs a 'name' (and a 'url' or 'children')"
    children = entry.get("children") or []
    if not entry.get("url") and not children:
        return f"'{entry['name']}' needs a 'url' or 'children'"
    if not isinstance(children, list) or not all(
        isinstance(c, dict) and c.get("name") and c.get("url") for c in children
    ):
        return f"'{entry['name']}': each child needs a 'name' and a 'url'"
    return None
