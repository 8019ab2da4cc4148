"""Split a content file into front matter and body, and parse the front matter, as Hugo does.

Hugo's page lexer (``parser/pageparser/pagelexer_intro.go``) decides what is front matter:
blank lines and a byte order mark before it are skipped; ``---`` opens YAML, ``+++`` TOML,
``{`` JSON and ``#+`` Org-mode headers; a first line ``<!--`` hides front matter inside an
HTML comment. The closing delimiter is the first line that *starts with* the opening one
(``----`` or ``---x`` close too; the rest of that line becomes the start of the body). A file
that starts with a lone ``-`` or ``+`` is an error in Hugo, and so it is here.

YAML is read as Hugo 0.125 (the version 2i2c's site uses, with gopkg.in/yaml.v2) reads it:
``y``/``n``/``on``/``off`` are booleans, ``1:30`` and ``2024-05-31`` stay text (Hugo
parses dates itself, see dates.py), ``1e3`` is a number, mapping keys become text, and a
key given twice keeps its last value (a warning says so). Every problem is a
:class:`ContentError` carrying its line in the file: ``file:line: what is wrong``.
"""

import copy
import hashlib
import json
import re
import tomllib

import yaml

FENCES = {"---": "yaml", "+++": "toml"}
# libyaml's parser when PyYAML has it: same data, several times faster; its error
# messages are vaguer, so a file it rejects is parsed again by the Python parser.
_FAST_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(Exception):
    """One or more ``file:line: message`` problems found in a content file."""

    def __init__(self, problems):
        self.problems = list(problems)  # [(path, line, message)]
        super().__init__("\n".join(f"{p}:{n}: {m}" for p, n, m in self.problems))


class FrontMatter:
    """Parsed front matter plus where things are, for error messages."""

    def __init__(self, data, fmt, text, first_line, body_line, warnings=()):
        self.data = data
        self.fmt = fmt  # "yaml", "toml", "json", "org", or None when the file has none
        self.text = text
        self.first_line = first_line  # line of the opening delimiter
        self.body_line = body_line  # first line of the body
        self.warnings = list(warnings)  # [(line, message)]

    def line_of(self, key):
        """Line number of ``key`` in the file, or of the opening delimiter."""
        if self.fmt is None:
            return self.first_line
        sep = {"toml": "=", "org": ":"}.get(self.fmt, ":")
        prefix = r"#\+" if self.fmt == "org" else r"[\"']?"
        pattern = re.compile(rf"^\s*{prefix}{re.escape(key)}[\"']?\s*{sep}", re.I)
        start = self.first_line if self.fmt in ("json", "org") else self.first_line + 1
        for offset, line in enumerate(self.text.splitlines()):
            if pattern.match(line):
                return start + offset
        return self.first_line


# --- Where the front matter is (Hugo's lexer) --------------------------------------------


class Located:
    def __init__(self, fmt, text, first_line, text_line, body_start):
        self.fmt = fmt
        self.text = text  # the front matter, without its delimiters
        self.first_line = first_line  # line of the opening delimiter
        self.text_line = text_line  # line where ``text`` starts
        self.body_start = body_start  # offset of the body in the file's text


def _consume_crlf(text, i):
    if text.startswith("\r", i):
        i += 1
    if text.startswith("\n", i):
        i += 1
    return i


def locate(text, path):
    """Where Hugo finds front matter in ``text``: a :class:`Located`, or None when there is none."""
    i, n, in_comment = 0, len(text), False
    while i < n:
        c = text[i]
        if c == "\ufeff" or c in " \t\r\n":
            i += 1
            continue
        if c in "-+":
            return _delimited(text, i, path, in_comment)
        if c == "{":
            return _json_object(text, i, path, in_comment)
        if c == "#":
            return _org_headers(text, i) if text.startswith("#+", i) else None
        if c == "<" and text.startswith("<!--", i) and not in_comment:
            # Front matter commented out for GitHub's preview is still read (Hugo does the same).
            newline = text.find("\n", i)
            if newline < 0:
                return None
            i, in_comment = newline + 1, True
            continue
        return None
    return None


def _line_at(text, offset):
    return text.count("\n", 0, offset) + 1


def _delimited(text, start, path, in_comment):
    delim = text[start] * 3
    fmt = FENCES[delim]
    first_line = _line_at(text, start)
    if not text.startswith(delim, start):
        raise ContentError(
            [
                (
                    path,
                    first_line,
                    f"a content file that starts with '{text[start]}' must start "
                    f"with a '{delim}' line ({fmt.upper()} front matter), as in Hugo; add front matter "
                    f"above this line or start the file with something else",
                )
            ]
        )
    i = _consume_crlf(text, start + 3)
    ended_line = i > start + 3
    content_start = i
    while True:
        if ended_line and text.startswith(delim, i):
            break
        newline = min((p for p in (text.find("\n", i), text.find("\r", i)) if p >= 0), default=-1)
        if newline < 0:
            raise ContentError(
                [
                    (
                        path,
                        first_line,
                        f"front matter opened with '{delim}' is never closed; "
                        f"add a line starting with '{delim}' after it",
                    )
                ]
            )
        i, ended_line = newline + 1, True
    fm_text = text[content_start:i]
    fm_text = (
        fm_text[:-2]
        if fm_text.endswith("\r\n")
        else fm_text[:-1]
        if fm_text.endswith(("\n", "\r"))
        else fm_text
    )
    body_start = _consume_crlf(text, i + 3)
    if in_comment:
        body_start = _end_of_comment(text, body_start, path, first_line)
    return Located(fmt, fm_text, first_line, _line_at(text, content_start), body_start)


def _json_object(text, start, path, in_comment):
    level, in_quote, i = 0, False, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            in_quote = not in_quote
        elif not in_quote and c == "{":
            level += 1
        elif not in_quote and c == "}":
            level -= 1
            if level == 0:
                break
        i += 1
    else:
        raise ContentError(
            [
                (
                    path,
                    _line_at(text, start),
                    "JSON front matter opened with '{' is never closed; add the closing '}'",
                )
            ]
        )
    body_start = _consume_crlf(text, i + 1)
    if in_comment:
        body_start = _end_of_comment(text, body_start, path, _line_at(text, start))
    line = _line_at(text, start)
    return Located("json", text[start : i + 1], line, line, body_start)


def _org_headers(text, start):
    end = start
    while text.startswith("#+", end):
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    line = _line_at(text, start)
    return Located("org", text[start:end], line, line, end)


def _end_of_comment(text, i, path, line):
    end = text.find("-->", i)
    if end < 0:
        raise ContentError(
            [
                (
                    path,
                    line,
                    "the HTML comment around the front matter ('<!--') is never closed; "
                    "add '-->' after the front matter",
                )
            ]
        )
    return _consume_crlf(text, end + 3)


def split(text, path):
    """Return (FrontMatter, body). A file without front matter has empty data."""
    found = locate(text, path)
    if found is None:
        return FrontMatter({}, None, "", 1, 1), text.removeprefix("\ufeff")
    data, warnings = _load(found.text, found.fmt, path, found.text_line)
    body = text[found.body_start :]
    return FrontMatter(
        data, found.fmt, found.text, found.first_line, _line_at(text, found.body_start), warnings
    ), body


# --- Reading each format -----------------------------------------------------------------

# parse_key(format, front matter text) -> (data, warnings). The links plugin fills it for its
# index before any file is read, and keeps it between builds: a front matter is parsed once.
PARSED = {}


def parse_key(fmt, fm_text):
    return hashlib.md5(f"{fmt}\0{fm_text}".encode()).digest()


def parse(fm_text, fmt, path, text_line):
    """(data, warnings) of a front matter text, through the shared table of parsed ones."""
    return _load(fm_text, fmt, path, text_line)


def _load(fm_text, fmt, path, text_line):
    key = parse_key(fmt, fm_text)
    known = PARSED.get(key)
    if known is None:
        known = PARSED[key] = _parse(fm_text, fmt, path, text_line)
    data, warnings = known
    # The reader's metadata must not share objects with the table; warnings carry offsets.
    return copy.deepcopy(data), [(text_line + offset, message) for offset, message in warnings]


def _parse(fm_text, fmt, path, text_line):
    try:
        if fmt == "yaml":
            data, warnings = _yaml(fm_text, path, text_line)
        elif fmt == "toml":
            data, warnings = _toml(fm_text, path, text_line), []
        elif fmt == "json":
            data, warnings = _json(fm_text, path, text_line), []
        else:
            data, warnings = _org(fm_text), []
    except RecursionError:
        raise ContentError(
            [(path, text_line, "front matter nested too deeply to read; flatten it")]
        ) from None
    if data is None:
        return {}, warnings
    if not isinstance(data, dict):
        raise ContentError(
            [
                (
                    path,
                    text_line,
                    "front matter must be a mapping of 'key: value' lines, "
                    f"not a {type(data).__name__}",
                )
            ]
        )
    try:
        return stringify_keys(data), warnings
    except (ValueError, RecursionError) as exc:
        message = (
            str(exc) if isinstance(exc, ValueError) else "front matter nested too deeply to read"
        )
        raise ContentError([(path, text_line, f"{message}; write the value out instead")]) from None


def stringify_keys(value, made=None):
    """Mapping keys as text, as Hugo makes them (``2023: x`` and ``yes: x`` have keys "2023", "true").

    A value that YAML aliases repeat (``*a``) is made once and shared, as the parser shared it, so
    that a few lines of aliases cannot grow into millions of copies; one that contains itself is refused.
    """
    if not isinstance(value, (dict, list)):
        return value
    made = {} if made is None else made
    if id(value) in made:
        if made[id(value)] is None:
            raise ValueError("a YAML alias refers to the value it is part of")
        return made[id(value)]
    made[id(value)] = None
    if isinstance(value, dict):
        result = {_key_text(k): stringify_keys(v, made) for k, v in value.items()}
    else:
        result = [stringify_keys(v, made) for v in value]
    made[id(value)] = result
    return result


def _key_text(key):
    if isinstance(key, bool):
        return "true" if key else "false"
    return "" if key is None else str(key)


# YAML as gopkg.in/yaml.v2 resolves plain scalars (resolve.go): PyYAML follows YAML 1.1
# more closely (sexagesimal numbers, timestamps, '=' values it cannot even construct).
YAML_V2_RESOLVERS = [
    (
        "tag:yaml.org,2002:bool",
        r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
        "yYnNtTfFoO",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
]
YAML_BOOLS = {"y", "yes", "true", "on"}


def _hugo_loader(base):
    class HugoYAMLLoader(base):
        """SafeLoader with yaml.v2's plain-scalar rules and a record of keys given twice."""

        yaml_implicit_resolvers = {}

        def construct_mapping(self, node, deep=False):
            seen = {}
            for key_node, _value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue  # PyYAML's own check reports it with its mark
                if key in seen:
                    self.twice.append(
                        (
                            key_node.start_mark.line,
                            f"'{key}' is given twice in the front matter; "
                            f"the last value counts (line {seen[key] + 1} of the front matter is "
                            f"ignored): remove one",
                        )
                    )
                seen[key] = key_node.start_mark.line
            return super().construct_mapping(node, deep)

        def construct_yaml_bool(self, node):
            return self.construct_scalar(node).lower() in YAML_BOOLS

        def construct_yaml_int(self, node):
            value = self.construct_scalar(node).replace("_", "")
            sign = -1 if value.startswith("-") else 1
            digits = value.lstrip("+-")
            if digits.startswith("0b"):
                return sign * int(digits[2:], 2)
            if digits.startswith("0x"):
                return sign * int(digits[2:], 16)
            if digits.startswith("0o"):
                return sign * int(digits[2:], 8)
            if len(digits) > 1 and digits.startswith("0"):
                return sign * int(digits, 8)
            return sign * int(digits)

        def construct_yaml_float(self, node):
            value = self.construct_scalar(node).lower()
            if value.endswith("inf"):
                return float("-inf") if value.startswith("-") else float("inf")
            return float(value)

    for tag, regexp, first in YAML_V2_RESOLVERS:
        HugoYAMLLoader.add_implicit_resolver(tag, re.compile(regexp), list(first))
    HugoYAMLLoader.add_constructor("tag:yaml.org,2002:bool", HugoYAMLLoader.construct_yaml_bool)
    HugoYAMLLoader.add_constructor("tag:yaml.org,2002:int", HugoYAMLLoader.construct_yaml_int)
    HugoYAMLLoader.add_constructor("tag:yaml.org,2002:float", HugoYAMLLoader.construct_yaml_float)
    # An explicit !!timestamp stays text too: Hugo parses dates (dates.py).
    HugoYAMLLoader.add_constructor("tag:yaml.org,2002:timestamp", HugoYAMLLoader.construct_yaml_str)
    return HugoYAMLLoader


FAST_LOADER = _hugo_loader(_FAST_BASE)
CLEAR_LOADER = _hugo_loader(yaml.SafeLoader)

# Common YAML mistakes, in the words an author needs: (part of PyYAML's message, what to do).
YAML_HINTS = [
    (
        "mapping values are not allowed here",
        "a value contains ': ' (colon and space); put the whole value in quotes, like: title: \"Jupyter: a story\"",
    ),
    (
        "found character '\\t' that cannot start any token",
        "YAML cannot be indented with tabs; use spaces",
    ),
    (
        "found undefined alias",
        "a value starting with '*' is read as a YAML alias; put the value in quotes",
    ),
    (
        "found character '@' that cannot start any token",
        "a value cannot start with '@'; put it in quotes",
    ),
    (
        "found character '`' that cannot start any token",
        "a value cannot start with '`'; put it in quotes",
    ),
    (
        "found character '%' that cannot start any token",
        "a value cannot start with '%'; put it in quotes",
    ),
    (
        "expected <block end>, but found",
        "text follows a quoted value on this line; put the whole value in one "
        "pair of quotes (write a quote inside it as '' in single quotes or \\\" in double quotes)",
    ),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed; close it"),
    (
        "could not find expected ':'",
        "this line is not 'key: value'; add the colon, or quote the value of the line "
        "above if it continues there",
    ),
    ("found unhashable key", "a key cannot be a list or a mapping; use a plain word as the key"),
    (
        "could not determine a constructor for the tag",
        "unknown '!' tag; remove it or quote the value",
    ),
    (
        "expected ',' or ']'",
        "a list in [brackets] is not closed or has an item with a colon; close it, or quote "
        "the item",
    ),
    ("expected ',' or '}'", "a mapping in {braces} is not closed; close it, or quote the value"),
    (
        "special characters are not allowed",
        "the front matter contains a control character; delete it",
    ),
]


def _yaml(fm_text, path, text_line):
    try:
        return _load_yaml(FAST_LOADER, fm_text)
    except yaml.YAMLError:
        try:
            _load_yaml(CLEAR_LOADER, fm_text)  # raises again, with clearer words and lines
        except yaml.YAMLError as exc:
            raise ContentError([(path, *_yaml_problem(exc, fm_text, text_line))]) from None
        raise  # the clear loader accepted what libyaml refused: not expected
    except (ValueError, OverflowError) as exc:  # a number or value PyYAML cannot build
        raise ContentError(
            [(path, text_line, f"invalid YAML front matter: {exc}; put the value in quotes")]
        ) from None


def _load_yaml(loader_class, fm_text):
    loader = loader_class(fm_text)  # reading starts here: a NUL or other control character stops it
    loader.twice = []
    try:
        return loader.get_single_data(), loader.twice
    finally:
        loader.dispose()


def _yaml_problem(exc, fm_text, text_line):
    """(line, message) for a YAML error, with the fix for the common ones."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = text_line + mark.line if mark else text_line
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line = text_line + fm_text[: exc.position].count("\n")
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    hint = next((fix for part, fix in YAML_HINTS if part in str(exc)), None)
    return line, f"invalid YAML front matter: {problem}" + (f"; {hint}" if hint else "")


def _toml(fm_text, path, text_line):
    try:
        return tomllib.loads(fm_text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        # tomllib says "at end of document" for an unclosed value: point at the closing delimiter
        line = text_line + int(match.group(1)) - 1 if match else text_line + fm_text.count("\n")
        message = re.sub(r"\s*\((at line|at end of document).*\)$", "", str(exc)) or "syntax error"
        if "Cannot overwrite a value" in message or "Cannot declare" in message:
            message += " (a key is given twice; TOML allows each key once: remove one)"
        elif "Invalid value" in message or "Expected '=' after a key" in message:
            message += ' (text values need quotes in TOML: key = "value")'
        raise ContentError([(path, line, f"invalid TOML front matter: {message}")]) from None


def _json(fm_text, path, text_line):
    try:
        return json.loads(fm_text)
    except json.JSONDecodeError as exc:
        raise ContentError(
            [(path, text_line + exc.lineno - 1, f"invalid JSON front matter: {exc.msg}")]
        ) from None


ORG_LISTS = ("tags", "categories", "aliases", "keywords")


def _org(fm_text):
    """Org-mode headers (``#+TITLE: x``), as Hugo's goorgeous reads them: some keys are space-separated lists."""
    data = {}
    for line in fm_text.splitlines():
        match = re.match(r"#\+(\w+):\s*(.*)", line)
        if match:
            key, value = match.group(1).lower(), match.group(2).strip()
            data[key] = value.split() if key in ORG_LISTS else value
    return data
