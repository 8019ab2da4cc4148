"""Split a Markdown file into front matter and body, and parse the front matter.

Hugo accepts YAML between ``---`` lines and TOML between ``+++`` lines; so do we.
Every problem is reported as a :class:`ContentError` carrying the line in the
file where it was found, so authors get ``file:line: what is wrong``.
"""

import copy
import hashlib
import re
import tomllib

import yaml

FENCES = {"---": "yaml", "+++": "toml"}
# libyaml's loader when PyYAML has it: same data, several times faster; its error
# messages are vaguer, so a file it rejects is parsed again by the Python loader.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """One or more ``file:line: message`` problems found in a content file."""

    def __init__(self, problems):
        self.problems = list(problems)  # [(path, line, message)]
        super().__init__("\n".join(f"{p}:{n}: {m}" for p, n, m in self.problems))


class FrontMatter:
    """Parsed front matter plus where things are, for error messages."""

    def __init__(self, data, fmt, text, first_line, body_line):
        self.data = data
        self.fmt = fmt
        self.text = text
        self.first_line = first_line  # line of the opening fence
        self.body_line = body_line  # first line of the body

    def line_of(self, key):
        """Line number of ``key`` in the file, or of the opening fence."""
        sep = ":" if self.fmt == "yaml" else "="
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*{sep}")
        for offset, line in enumerate(self.text.splitlines()):
            if pattern.match(line):
                return self.first_line + 1 + offset
        return self.first_line


def split(text, path):
    """Return (FrontMatter, body). A file without front matter has empty data."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in FENCES:
        return FrontMatter({}, "yaml", "", 1, 1), text
    for end in range(1, len(lines)):
        if lines[end].rstrip() == fence:
            break
    else:
        raise ContentError([(path, 1, f"front matter opened with '{fence}' is never closed; add a '{fence}' line after it")])
    fm_text = "\n".join(lines[1:end])
    fmt = FENCES[fence]
    data = _load(fm_text, fmt, path)
    body = "\n".join(lines[end + 1:])
    return FrontMatter(data, fmt, fm_text, 1, end + 2), body


# parse_key(format, front matter text) -> its data. The links plugin fills it for its index
# before any file is read, and keeps it between builds: a front matter is parsed once, when new.
PARSED = {}


def parse_key(fmt, fm_text):
    return hashlib.md5(f"{fmt}\0{fm_text}".encode()).digest()


def _load(fm_text, fmt, path):
    known = PARSED.get(parse_key(fmt, fm_text))
    if known is not None:
        return copy.deepcopy(known)  # the reader's metadata must not share objects with the index
    if fmt == "yaml":
        try:
            try:
                data = yaml.load(fm_text, Loader=FAST_LOADER)
            except yaml.YAMLError:
                data = yaml.load(fm_text, Loader=yaml.SafeLoader)  # raises again, with clearer words and lines
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc)
            raise ContentError([(path, line, f"invalid YAML front matter: {problem}")]) from None
    else:
        try:
            data = tomllib.loads(fm_text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
            # tomllib says "at end of document" for an unclosed value: point at the closing fence
            line = int(match.group(1)) + 1 if match else fm_text.count("\n") + 2
            message = re.sub(r"\s*\((at line|at end of document).*\)$", "", str(exc)) or "syntax error"
            raise ContentError([(path, line, f"invalid TOML front matter: {message}")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError([(path, 2, "front matter must be a mapping of 'key: value' lines")])
    return data
