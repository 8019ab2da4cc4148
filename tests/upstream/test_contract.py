"""What sitelib/upstream.py assumes about Pelican, Python-Markdown and CPython's ``re``,
checked against the installed packages: one test per assumption. A failure after an
upgrade names the assumption and the upstream file to read again."""

import inspect
import logging
import os

import jinja2
import markdown
import pytest
from markdown.treeprocessors import InlineProcessor
from pelican import signals
from pelican import writers as pelican_writers
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.log import LimitFilter
from pelican.settings import read_settings
from pelican.urlwrappers import Tag
from pelican.utils import SafeDatetime
from pelican.writers import FileOverwriteFailedError, Writer

from sitelib import upstream

THEME = os.path.join(os.path.dirname(inspect.getfile(signals)), "..", "themes", "notmyidea")


def broken(assumption, where):
    return f"upstream assumption broken: {assumption} (read {where} again; see sitelib/upstream.py)"


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "content").mkdir()
    return read_settings(
        override={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "THEME": THEME,
            "SITEURL": "",
            "TIMEZONE": "UTC",
            "DEFAULT_LANG": "en",
        }
    )


def test_write_file_opens_pages_and_makes_folders_through_module_globals(tmp_path):
    claimed = []
    writer = Writer(str(tmp_path / "out"), settings={"RELATIVE_URLS": False})
    with upstream.writes_claimed(claimed.append):
        writer.write_file("a/b/index.html", jinja2.Template("text"), {})
    assert claimed == [str(tmp_path / "out" / "a" / "b" / "index.html")], broken(
        "Writer.write_file opens the page with the module global `open`", "pelican/writers.py:132"
    )
    assert not (tmp_path / "out").exists(), broken(
        "Writer.write_file makes folders with the module global `os.makedirs`",
        "pelican/writers.py:225",
    )
    assert "open" not in vars(pelican_writers) and pelican_writers.os is os
    writer.write_file("c.html", jinja2.Template("text"), {})
    assert (tmp_path / "out" / "c.html").read_text() == "text", broken(
        "outside writes_claimed, Writer.write_file writes the file itself",
        "pelican/writers.py:217-233",
    )


def test_write_file_keeps_pelicans_rules_for_two_writes_to_one_path(tmp_path):
    claimed = []
    writer = Writer(str(tmp_path / "out"), settings={"RELATIVE_URLS": False})
    page = str(tmp_path / "out" / "p.html")
    with upstream.writes_claimed(claimed.append):
        writer.write_file("p.html", jinja2.Template("first"), {}, override_output=True)
        writer.write_file("p.html", jinja2.Template("second"), {})
        with pytest.raises(FileOverwriteFailedError):
            writer.write_file("p.html", jinja2.Template("third"), {}, override_output=True)
        writer.write_file("q.html", jinja2.Template("first"), {})
        with pytest.raises(FileOverwriteFailedError):
            writer.write_file("q.html", jinja2.Template("second"), {})
    assert claimed == [page, os.devnull, str(tmp_path / "out" / "q.html")], broken(
        "Writer._open_w skips a write after an override by opening os.devnull, and raises "
        "FileOverwriteFailedError for a second write without override",
        "pelican/writers.py:106-132",
    )


def test_write_file_renders_with_the_output_file_and_then_sends_content_written(tmp_path):
    seen, sent = [], []

    class Template:
        def render(self, localcontext):
            seen.append(localcontext["output_file"])
            return "text"

    def note(path, context):
        sent.append((path, context["output_file"], os.path.exists(path)))

    signals.content_written.connect(note)
    try:
        Writer(str(tmp_path / "out"), settings={"RELATIVE_URLS": False}).write_file(
            "x/index.html", Template(), {}
        )
        with signals.content_written.muted():
            Writer(str(tmp_path / "out"), settings={"RELATIVE_URLS": False}).write_file(
                "y.html", Template(), {}
            )
    finally:
        signals.content_written.disconnect(note)
    assert seen == ["x/index.html", "y.html"], broken(
        "Writer.write_file renders with template.render(localcontext), output_file in it",
        "pelican/writers.py:222, 242",
    )
    assert sent == [(str(tmp_path / "out" / "x" / "index.html"), "x/index.html", True)], broken(
        "Writer.write_file sends content_written(path, context=...) after writing",
        "pelican/writers.py:233",
    )


def test_static_files_are_copied_through_copy_staticfile():
    assert list(inspect.signature(StaticGenerator._copy_staticfile).parameters) == ["self", "sc"], (
        broken(
            "StaticGenerator._copy_staticfile(sc) copies one static file",
            "pelican/generators.py:1126",
        )
    )
    source = inspect.getsource(StaticGenerator._link_or_copy_staticfile)
    assert "self._copy_staticfile(sc)" in source, broken(
        "StaticGenerator._link_or_copy_staticfile calls self._copy_staticfile",
        "pelican/generators.py:1120-1124",
    )


def test_articles_and_pages_generators_ask_the_cache_before_reading_and_hand_it_new_objects(
    settings, tmp_path
):
    (tmp_path / "content" / "a.md").write_text("Title: A\nDate: 2024-01-02\n\nText.\n")
    asked, handed = [], []

    def make():
        context = {
            **settings,
            "static_links": set(),
            "static_content": {},
            "generated_content": {},
            "filenames": {},
        }
        return ArticlesGenerator(
            context=context,
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=settings["OUTPUT_PATH"],
        )

    first = make()
    upstream.answer_reads(
        first,
        lambda f, default=None: asked.append(f) or default,
        lambda f, obj: handed.append((f, obj)),
    )
    first.generate_context()
    assert [os.path.normpath(f) for f in asked + [f for f, _ in handed]] == ["a.md", "a.md"], (
        broken(
            "ArticlesGenerator.generate_context calls get_cached_data(f, None), then cache_data(f, article)",
            "pelican/generators.py:707, 737 (PagesGenerator: 922, 952)",
        )
    )
    kept = handed[0][1]
    second = make()
    upstream.answer_reads(
        second, lambda f, default=None: kept, lambda f, obj: handed.append((f, obj))
    )
    second.readers.read_file = None  # reading now would fail
    second.generate_context()
    assert second.articles == [kept] and len(handed) == 1, broken(
        "an object get_cached_data answers is used as it is, not read or cached again",
        "pelican/generators.py:707-737",
    )


def test_generators_load_templates_from_templates_path(settings):
    generator = ArticlesGenerator(
        context={},
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=settings["OUTPUT_PATH"],
    )
    folders = upstream.template_folders(generator)
    assert folders and os.path.samefile(folders[-1], os.path.join(THEME, "templates")), broken(
        "Generator._templates_path lists the template folders, the theme's last",
        "pelican/generators.py:68-71",
    )
    assert upstream.template_folders(None) == []


def test_limit_filter_drops_a_message_it_has_passed_unless_forgotten():
    limit = LimitFilter()
    message = "upstream contract: a message seen once"

    def record():
        return logging.LogRecord("contract", logging.WARNING, __file__, 1, message, None, None)

    assert limit.filter(record()) and not limit.filter(record()), broken(
        "LimitFilter drops a (level, message) pair it has passed before", "pelican/log.py:44-48"
    )
    upstream.forget_logged(logging.WARNING, message)
    assert limit.filter(record()), broken(
        "LimitFilter keeps the pairs it has passed in the class set _raised_messages",
        "pelican/log.py:30",
    )
    upstream.forget_logged(logging.WARNING, message)


def test_url_wrappers_keep_a_set_slug_apart_from_the_name(settings):
    made = Tag("Jupyter Book", settings)
    assert made.slug == "jupyter-book" and upstream.slug_from_name(made), broken(
        "URLWrapper._slug_from_name is true for a slug made from the name",
        "pelican/urlwrappers.py:17",
    )
    made.slug = "books"
    assert not upstream.slug_from_name(made)
    again = Tag("Jupyter Book", settings)
    upstream.set_wrapper_slug(again, "books", False)
    again.name = "Jupyter Books"
    assert again.slug == "books", broken(
        "URLWrapper keeps _slug when _slug_from_name is false, even for a new name",
        "pelican/urlwrappers.py:16, 24-52",
    )


def test_content_objects_keep_their_html_and_context_in_private_attributes(settings):
    other = Article(
        "<p>Other</p>",
        metadata={"title": "Other", "date": SafeDatetime(2024, 1, 1)},
        settings=settings,
        source_path=os.path.join(settings["PATH"], "other.md"),
    )
    article = Article(
        '<a href="{filename}/other.md">x</a>',
        metadata={"title": "A", "date": SafeDatetime(2024, 1, 2)},
        settings=settings,
        source_path=os.path.join(settings["PATH"], "a.md"),
    )
    assert upstream.content_html(article) == '<a href="{filename}/other.md">x</a>', broken(
        "Content._content is the reader's HTML", "pelican/contents.py:70"
    )
    upstream.set_content_html(article, upstream.content_html(article) + "<p>Added</p>")
    upstream.set_content_context(
        article,
        {"generated_content": {"other.md": other}, "static_content": {}, "localsiteurl": ""},
    )
    assert article.content == f'<a href="/{other.url}">x</a><p>Added</p>', broken(
        "Content.content renders _content with {filename} links resolved in _context",
        "pelican/contents.py:73, 296, 427",
    )


def test_get_content_is_memoized_per_object_until_forgotten(settings):
    article = Article(
        "<p>One</p>",
        metadata={"title": "A", "date": SafeDatetime(2024, 1, 2)},
        settings=settings,
        source_path=os.path.join(settings["PATH"], "a.md"),
    )
    assert article.content == "<p>One</p>"
    upstream.set_content_html(article, "<p>Two</p>")
    assert article.content == "<p>One</p>", broken(
        "Content.get_content is memoized per (object, siteurl)",
        "pelican/contents.py:422, pelican/utils.py:148-166",
    )
    upstream.forget_rendered(article)
    assert article.content == "<p>Two</p>", broken(
        "memoized keeps its results in .cache, keyed by the call's arguments",
        "pelican/utils.py:158-166",
    )


def test_content_objects_are_their_instance_dict(settings):
    made = []

    def note(content):
        made.append(content)

    signals.content_object_init.connect(note)
    try:
        article = Article(
            "<p>x</p>",
            metadata={"title": "A", "date": SafeDatetime(2024, 1, 2)},
            settings=settings,
            source_path=os.path.join(settings["PATH"], "a.md"),
        )
        state = dict(upstream.content_state(article))
        again = upstream.content_from_state(Article, state)
    finally:
        signals.content_object_init.disconnect(note)
    assert made == [article], broken(
        "content_from_state does not run Content.__init__", "pelican/contents.py:167"
    )
    assert (again.title, again.url, again.content, again.settings) == (
        article.title,
        article.url,
        article.content,
        article.settings,
    ), broken(
        "a content object's whole state is its instance __dict__ (no __slots__)",
        "pelican/contents.py:53-167",
    )


def test_inline_processor_loops_through_private_methods():
    calls = []
    md = markdown.Markdown()
    processor = next(p for p in md.treeprocessors if isinstance(p, InlineProcessor))
    original = processor._InlineProcessor__handleInline

    def handle_inline(self, data, patternIndex=0):  # noqa: N803 - Python-Markdown's own name
        calls.append(data)
        apply = upstream.inline_apply_pattern(self)
        assert callable(apply)
        return original(data, patternIndex)

    upstream.replace_handle_inline(processor, handle_inline)
    assert md.convert("some *text*") == "<p>some <em>text</em></p>"
    assert calls, broken(
        "InlineProcessor calls self.__handleInline for each text",
        "markdown/treeprocessors.py:120, 314-400",
    )
    assert list(inspect.signature(InlineProcessor._InlineProcessor__applyPattern).parameters) == [
        "self",
        "pattern",
        "data",
        "patternIndex",
        "startIndex",
    ], broken(
        "InlineProcessor.__applyPattern(pattern, data, patternIndex, startIndex)",
        "markdown/treeprocessors.py:253",
    )


def test_regular_expressions_parse_into_opcodes():
    C = upstream.REGEX_OPCODES  # noqa: N806
    parsed = list(upstream.parse_regex("a[bc](de|f)+", 0))
    assert [op for op, _ in parsed] == [C.LITERAL, C.IN, C.MAX_REPEAT], broken(
        "re._parser.parse gives (opcode, argument) items with the opcodes of re._constants",
        "Lib/re/_parser.py:979, Lib/re/_constants.py:75",
    )
    assert parsed[0][1] == ord("a") and parsed[1][1] == [
        (C.LITERAL, ord("b")),
        (C.LITERAL, ord("c")),
    ]
    low, _, item = parsed[2][1]
    assert (low, next(iter(item))[0]) == (1, C.SUBPATTERN)
