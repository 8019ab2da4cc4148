"""sitelib.inline against stock Python-Markdown, the one SettingsError, and the build session."""

import markdown
import pytest

from sitelib import session
from sitelib.inline import render_inline, unwrap_paragraph
from sitelib.settings import SettingsError


@pytest.mark.parametrize(
    "text",
    [
        "A *short* summary with a [link](https://2i2c.org/).",
        "Two paragraphs.\n\nThe second one.",
        "- a list\n- of two",
        "Quotes 'single' and \"double\" -- and dashes...",
        "",
    ],
)
def test_render_inline_is_stock_markdown_with_smarty_without_one_wrapping_paragraph(text):
    stock = markdown.markdown(text, extensions=["markdown.extensions.smarty"]).strip()
    ours = render_inline(text)
    if stock.count("<p>") == 1 and stock.startswith("<p>") and stock.endswith("</p>"):
        assert ours == stock[3:-4]
    else:
        assert ours == stock


def test_render_inline_reuses_a_converter_without_leaking_state():
    assert render_inline("Note[^1]\n\n[^1]: the note") != render_inline("Plain text")
    assert render_inline("Plain text") == "Plain text"


def test_unwrap_paragraph_only_unwraps_a_single_paragraph():
    assert unwrap_paragraph("<p>one</p>") == "one"
    assert unwrap_paragraph("<p>one</p>\n<p>two</p>") == "<p>one</p>\n<p>two</p>"
    assert unwrap_paragraph("<ul><li>x</li></ul>") == "<ul><li>x</li></ul>"


def test_settings_error_names_the_plugin_and_stops_without_traceback():
    error = SettingsError("blog", "BLOG['RSS_COPY'] must be a path like 'blog/index.xml' or ''")
    assert str(error) == "blog: BLOG['RSS_COPY'] must be a path like 'blog/index.xml' or ''"
    assert error.plugin == "blog"
    assert isinstance(error, SystemExit)  # Python prints the message alone and exits with status 1
    assert error.code == str(error)


def test_the_session_belongs_to_the_build_whose_output_it_stages(tmp_path):
    staging, final = str(tmp_path / ".output.building-x"), str(tmp_path / "output")
    opened = session.open_session(staging, final)
    ours = {"OUTPUT_PATH": staging}
    other = {"OUTPUT_PATH": str(tmp_path / "elsewhere")}
    assert session.current(ours) is opened
    assert session.final(ours) == final
    session.kept(ours).add("blog/index.html")
    assert opened.kept == {"blog/index.html"}
    # another build in this process (no build_guard) writes straight into its OUTPUT_PATH
    assert session.current(other) is None
    assert session.final(other) == other["OUTPUT_PATH"]
    assert session.kept(other) is None
