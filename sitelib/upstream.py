"""The one door to the private parts of Pelican and Python-Markdown that our code relies on.

Every use of a private attribute, private method or module global of Pelican or
Python-Markdown goes through a function here, and nowhere else. Each function names
the upstream file and line it mirrors (Pelican 4.12.0, Markdown 3.11), and
tests/upstream/test_contract.py checks each assumption against the installed
packages: after an upgrade, the failing test names the assumption that broke.
"""

import contextlib
import io
import os
from re import _constants, _parser

from pelican import writers as pelican_writers
from pelican.log import LimitFilter


# --- pelican/writers.py -------------------------------------------------------------
class _NoFolders:
    """``os`` as pelican.writers sees it while pages are queued: ``makedirs`` does nothing."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def makedirs(name, mode=0o777, exist_ok=False):
        pass


@contextlib.contextmanager
def writes_claimed(claim):
    """Inside the block, ``Writer.write_file`` applies Pelican's rules for a second write to
    one path (``Writer._open_w``, pelican/writers.py:106-132) but creates neither the file
    nor its folder: ``claim(path)`` is called where the file would be opened
    (``os.devnull`` for a write Pelican skips).

    Mirrors: pelican/writers.py:132 (``open`` looked up as a module global of
    pelican.writers) and pelican/writers.py:225 (``os.makedirs`` through the module
    global ``os``)."""

    def claiming_open(filename, mode="r", encoding=None):
        claim(filename)
        return io.StringIO()

    pelican_writers.open = claiming_open
    pelican_writers.os = _NoFolders()
    try:
        yield
    finally:
        pelican_writers.os = os
        del pelican_writers.open


# --- pelican/generators.py ----------------------------------------------------------
def replace_static_copy(generator, place):
    """``place(static)`` stands in for ``StaticGenerator._copy_staticfile``
    (pelican/generators.py:1126), which ``_link_or_copy_staticfile`` (pelican/generators.py:1120)
    calls for each static file to copy."""
    generator._copy_staticfile = place


def answer_reads(generator, get, put):
    """The articles and pages generators ask ``get(filename, None)`` for a file's content
    object before reading it, and hand a new one, made, checked and not skipped, to
    ``put(filename, obj)`` (pelican/generators.py:707, 737 and 922, 952: ``get_cached_data``
    and ``cache_data`` of ``FileDataCacher``, pelican/cache.py:54-64)."""
    generator.get_cached_data, generator.cache_data = get, put


def template_folders(generator):
    """The folders a generator's Jinja environment loads templates from, in order:
    ``THEME_TEMPLATES_OVERRIDES``, then the theme's ``templates/`` (``Generator._templates_path``,
    pelican/generators.py:68-71); none for anything that is not a generator."""
    return list(getattr(generator, "_templates_path", None) or [])


# --- pelican/log.py -----------------------------------------------------------------
def forget_logged(level, message):
    """Let Pelican's ``LimitFilter`` show ``message`` again: it drops a (level, message)
    pair it has passed before (``LimitFilter._raised_messages``, pelican/log.py:30, 44-48)."""
    LimitFilter._raised_messages.discard((level, message))


# --- pelican/urlwrappers.py ---------------------------------------------------------
def slug_from_name(wrapper):
    """Whether a tag, category or author's slug is made from its name (and made again when
    the name changes) rather than set (``URLWrapper._slug_from_name``, pelican/urlwrappers.py:17, 28)."""
    return wrapper._slug_from_name


def set_wrapper_slug(wrapper, slug, from_name):
    """Give a new wrapper the slug of an equal one, without slugifying its name again
    (``URLWrapper._slug``, pelican/urlwrappers.py:16, 33-52)."""
    wrapper._slug, wrapper._slug_from_name = slug, from_name


# --- pelican/contents.py ------------------------------------------------------------
def content_html(content):
    """The HTML a reader gave a content object, before links are resolved, or None for an
    object that has none (``Content._content``, pelican/contents.py:70, read at pelican/contents.py:427)."""
    return getattr(content, "_content", None)


def set_content_html(content, html):
    content._content = html


def content_state(content):
    """Everything a content object holds, in its instance ``__dict__`` (no ``__slots__``;
    set in ``Content.__init__``, pelican/contents.py:53-160)."""
    return content.__dict__


def content_from_state(kind, state):
    """A content object of class ``kind`` with ``state`` (from ``content_state``), made
    without running ``__init__`` again (and so without its signals)."""
    content = kind.__new__(kind)
    content.__dict__.update(state)
    return content


def forget_rendered(content):
    """Drop what ``get_content`` and ``get_summary`` memoized for this object, so its HTML is
    rendered again (``memoized.cache``, pelican/utils.py:148-166, on pelican/contents.py:422, 434;
    the key is the call's arguments, the object first)."""
    for method in (type(content).get_content, type(content).get_summary):
        cache = getattr(method, "cache", None)
        if cache:
            for args in [a for a in cache if a and a[0] is content]:
                del cache[args]


def set_content_context(content, context):
    """The context a content object resolves ``{filename}`` links in
    (``Content._context``, pelican/contents.py:73, read at pelican/contents.py:296)."""
    content._context = context


# --- markdown/treeprocessors.py -----------------------------------------------------
def inline_apply_pattern(processor):
    """``InlineProcessor.__applyPattern`` of a tree processor, bound
    (markdown/treeprocessors.py:253; name-mangled, so private to the class)."""
    return processor._InlineProcessor__applyPattern


def replace_handle_inline(processor, handle_inline):
    """``handle_inline(processor, data, patternIndex=0)`` stands in for this processor's
    ``InlineProcessor.__handleInline`` (markdown/treeprocessors.py:120), which the processor
    calls as ``self.__handleInline`` (markdown/treeprocessors.py:314, 319, 392, 400, and
    inside ``__applyPattern``)."""
    processor._InlineProcessor__handleInline = handle_inline.__get__(processor)


# --- CPython 3.11: Lib/re/_parser.py, Lib/re/_constants.py --------------------------
# The opcodes of a parsed regular expression (LITERAL, IN, RANGE, BRANCH, SUBPATTERN,
# MAX_REPEAT, ...: Lib/re/_constants.py:75-125, made by _makecodes at :69).
REGEX_OPCODES = _constants


def parse_regex(pattern, flags=0):
    """A regular expression as the (opcode, argument) items ``re`` compiles from
    (``re._parser.parse``, Lib/re/_parser.py:979)."""
    return _parser.parse(pattern, flags)
