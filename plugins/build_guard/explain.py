"""Turn an exception raised while building into one problem line a content author can act on.

The line names the content file being read or written when the exception happened, found in
the traceback: the innermost local that is a content object (post, page, person, posting,
static file), the page being written (Pelican's local context of a render, with its
``output_file``), or a content file's path for a read that failed before any object existed.
Template errors also name the template and its line (Jinja puts template frames in tracebacks).
An exception no one foresaw is an internal error: the line says so in words, and its Python
traceback goes to a log file instead of the console.
"""

import os
import traceback

from jinja2 import TemplateSyntaxError
from pelican.contents import Content
from pelican.generators import PelicanTemplateNotFound
from pelican.writers import FileOverwriteFailedError

from sitelib.theme_templates import templates_folder, templates_of

SUBJECT_KEYS = ("article", "page", "person", "job")  # what a page shows, in Pelican's local context
PATH_NAMES = (
    "source_path",
    "path",
    "filename",
    "f",
    "rel",
    "relpath",
)  # how readers name the file they read
BUG = "this is a bug; please report it"


def shown(path):
    """The path as an author types it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class Found:
    """What a traceback tells about where the build was."""

    def __init__(self):
        self.content = None  # innermost content object
        self.source = None  # a content file read before its object existed
        self.output = None  # the page being written (save_as)
        self.template = None  # (file, line) of the innermost template frame
        self.template_name = None  # a template asked for by name that does not exist
        self.generator = None  # the generator that asked
        self.reading = False
        self.writing = False


def subject(values):
    """The content object among a frame's locals or a local context, subjects first."""
    candidates = [values.get(key) for key in SUBJECT_KEYS] + list(values.values())
    return next(
        (value for value in candidates if isinstance(value, Content) and has_source(value)), None
    )


def has_source(content):
    """False for an object the failure happened in the making of, before it knew its file."""
    return isinstance(getattr(content, "source_path", None), str)


def source_file(local, content_root):
    """A content file a frame is reading, named by one of its locals."""
    for name in PATH_NAMES:
        path = local.get(name)
        if isinstance(path, str) and path:
            path = os.path.join(content_root, path)
            if path.startswith(os.path.join(content_root, "")) and os.path.isfile(path):
                return path
    return None


def local_context(value):
    """Pelican's local context of a page being written (it knows its ``output_file``), given
    as a dict or held by a queued render (fastbuild's jobs)."""
    if not isinstance(value, dict):
        try:
            value = getattr(value, "localcontext", None)
        except Exception:  # noqa: BLE001 - any object may sit in a frame
            return None
    return value if isinstance(value, dict) and isinstance(value.get("output_file"), str) else None


def inspect(exc, content_root):
    """Walk the traceback from the innermost frame out."""
    found = Found()
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        local = frame.f_locals
        code = frame.f_code
        if code.co_name in ("read_file", "generate_context"):
            found.reading = True
        if code.co_name == "generate_output":
            found.writing = True
        if found.template is None and "__jinja_exception__" in frame.f_globals:
            found.template = (code.co_filename, line)
        if (
            code.co_name == "get_template"
            and isinstance(local.get("name"), str)
            and found.template_name is None
        ):
            found.template_name, found.generator = local["name"], local.get("self")
        if found.output is None:
            context = next((c for c in map(local_context, local.values()) if c is not None), None)
            if context is not None:
                found.output = context["output_file"]
                if found.content is None and found.source is None:
                    found.content = subject(context)
        if found.content is None and found.source is None:  # the innermost frame that names a file
            found.content = subject(local)
            if found.content is None and content_root:
                found.source = source_file(local, content_root)
    if exc.__cause__ is not None or exc.__context__ is not None:
        inner = inspect(exc.__cause__ or exc.__context__, content_root)
        for name, value in vars(inner).items():
            if not getattr(found, name):
                setattr(found, name, value)
    return found


def content_place(content, field=None):
    """``file:line`` of a content object: the line of ``field`` in its front matter if known."""
    metadata = getattr(content, "metadata", None)
    metadata = metadata if isinstance(metadata, dict) else {}
    lines = metadata.get("source_lines")
    line = lines.get(field) if field and isinstance(lines, dict) else None
    line = line if isinstance(line, int) else metadata.get("source_line")
    line = line if isinstance(line, int) else 1
    return f"{shown(content.source_path)}:{line}"


def field_of(content, exc):
    """The front matter field whose value the exception is about, when Python says which value
    (an AttributeError knows the object it was raised on)."""
    value = getattr(exc, "obj", None) if isinstance(exc, AttributeError) else None
    if content is None or value is None or isinstance(value, (bool, int, float)):
        return None
    metadata = getattr(content, "metadata", None)
    for key, held in (metadata if isinstance(metadata, dict) else {}).items():
        if held is value or (isinstance(held, (list, tuple)) and any(v is value for v in held)):
            return key
    return None


def in_words(exc):
    """What went wrong, without Python's name for it."""
    if isinstance(exc, KeyError) and exc.args:
        return f"no value for {exc.args[0]!r}"
    if isinstance(exc, RecursionError):
        return "a value refers to itself, or nests too deeply"
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, FileOverwriteFailedError):
        return "another page was already written at this address"
    text = " ".join(str(exc).split())
    if len(text) > 300:  # a message quoting a 100 KB value
        text = text[:300] + "…"
    return text or "an unexpected " + type(exc).__name__.replace("Error", " error").strip().lower()


def describe(exc, content_root=None):
    """(line, internal): the problem line for ``exc``; internal when it is a bug to report."""
    try:
        return explain(exc, content_root)
    except Exception:  # noqa: BLE001 - an object so broken that looking at it fails too
        return f"{innermost_file(exc)}: internal error: {safe_words(exc)} ({BUG})", True


def safe_words(exc):
    try:
        return in_words(exc)
    except Exception:  # noqa: BLE001
        return "an unexpected " + type(exc).__name__


def explain(exc, content_root):
    found = inspect(exc, content_root)
    field = "template" if found.template_name else field_of(found.content, exc)
    where = (
        content_place(found.content, field)
        if found.content
        else f"{shown(found.source)}:1"
        if found.source
        else None
    )
    if isinstance(exc, PelicanTemplateNotFound) and found.template_name:
        available = ", ".join(templates_of(found.generator))
        what = (
            f"template {found.template_name!r} does not exist in {templates_folder(found.generator)}"
            f" (available: {available})"
        )
        return f"{where or templates_folder(found.generator)}: {what}", False
    if isinstance(exc, UnicodeDecodeError) and (found.source or found.content):
        problem = not_utf8(found.source or found.content.source_path)
        if problem:
            return problem, False
    if isinstance(exc, TemplateSyntaxError):
        place = f"{shown(exc.filename)}:{exc.lineno}" if exc.filename else "the theme"
        return f"{place}: template syntax error: {exc.message}", False
    output = found.output or (
        found.writing and found.content is not None and save_as_of(found.content)
    )
    doing = (
        f"while writing /{page_url(output)}"
        if output
        else "while reading"
        if found.reading
        else "while building"
    )
    if field:
        doing += f" its {field!r}"
    if found.template:
        doing += f" with {shown(found.template[0])}:{found.template[1]}"
    if where is None:
        where = (
            found.template and f"{shown(found.template[0])}:{found.template[1]}"
        ) or innermost_file(exc)
    return f"{where}: internal error {doing}: {safe_words(exc)} ({BUG})", True


def save_as_of(content):
    try:
        return content.save_as if isinstance(content.save_as, str) else None
    except Exception:  # noqa: BLE001 - the object the build failed on may fail here too
        return None


def not_utf8(path):
    """``file:line: ...`` for a file that is not UTF-8 text, or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return (
            f"{shown(path)}:{line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
            "save it as UTF-8"
        )
    except OSError:
        return None
    return None


def page_url(save_as):
    return save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as


def innermost_file(exc):
    """``file:line`` of the innermost frame: where to look when nothing names a content file."""
    for frame, line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        if os.path.isfile(frame.f_code.co_filename):  # not "<frozen os>"
            return f"{shown(frame.f_code.co_filename)}:{line}"
    return shown(__file__)


def write_log(path, entries):
    """Append each (problem line, exception) with its traceback to the build's error log."""
    with open(path, "a", encoding="utf-8") as log:
        for line, exc in entries:
            log.write(line + "\n")
            log.write("".join(traceback.format_exception(exc)))
            log.write("\n")
