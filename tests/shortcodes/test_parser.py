"""The shortcode parser on tricky input: quoting, nesting, code, errors and their lines."""

import pytest
from shortcodes.parser import Shortcode, ShortcodeError, parse, unescape


def calls(text, needs_inner=lambda name: False):
    return [item for item in parse(text, needs_inner) if isinstance(item, Shortcode)]


def test_positional_and_named_arguments():
    [a] = calls("{{< youtube abc123 >}}")
    [b] = calls('{{< figure src="a b.png" width=50% >}}')
    assert (a.name, a.form, a.args, a.params) == ("youtube", "<", ["abc123"], {})
    assert b.params == {"src": "a b.png", "width": "50%"}


def test_quoted_value_spanning_lines_with_backticks_and_double_quotes():
    text = 'Intro\n{{< figure src="x.png"\n    caption=`first line\nsecond "quoted" line`\n    title="two\nlines" >}}\nafter'
    [sc] = calls(text)
    assert sc.params["caption"] == 'first line\nsecond "quoted" line'
    assert sc.params["title"] == "two\nlines"
    assert sc.line == 2
    assert parse(text)[-1] == "\nafter"


def test_closing_delimiter_inside_a_quoted_value_does_not_end_the_tag():
    [sc] = calls('{{< cta cta_text="a >}} b %}} c" cta_link="/x/" >}}')
    assert sc.params == {"cta_text": "a >}} b %}} c", "cta_link": "/x/"}


def test_unquoted_value_may_hold_an_equals_sign():
    [sc] = calls("{{< figure src=https://e.org/a?b=c width=50% >}}")
    assert sc.params == {"src": "https://e.org/a?b=c", "width": "50%"}


def test_escaped_quote_inside_a_double_quoted_value():
    [sc] = calls(r'{{< figure caption="say \"hi\"" >}}')
    assert sc.params["caption"] == 'say "hi"'


def test_paired_shortcode_keeps_its_raw_inner_text_and_nested_shortcodes():
    text = "{{% callout note %}}\n**bold** and {{< youtube x >}}\n{{% /callout %}}"
    [sc] = calls(text)
    assert sc.inner == "\n**bold** and {{< youtube x >}}\n"
    assert sc.inner_line == 1 and sc.form == "%"


def test_nested_pairs_of_the_same_name_close_innermost_first():
    text = "{{< box >}}a{{< box >}}b{{< /box >}}c{{< /box >}}"
    [outer] = calls(text)
    assert outer.inner == "a{{< box >}}b{{< /box >}}c"


def test_self_closing_and_unpaired_shortcodes_are_standalone():
    items = calls("{{< a />}} {{< b >}} {{< c >}}x{{< /c >}}")
    assert [(sc.name, sc.inner) for sc in items] == [("a", None), ("b", None), ("c", "x")]


def test_shortcodes_in_fenced_code_and_inline_code_stay_text():
    text = "`{{< inline >}}` and ``{{< double `tick` >}}``\n\n```md\n{{< fenced >}}\n```\n\n~~~\n{{% tilde %}}\n~~~\n{{< real >}}"
    assert [sc.name for sc in calls(text)] == ["real"]


def test_a_backtick_value_inside_a_shortcode_is_not_a_code_span():
    [sc] = calls("{{< figure caption=`code-like` >}} then `{{< not >}}`")
    assert sc.params["caption"] == "code-like"


def test_comment_escape_is_written_literally():
    items = parse('See {{</* figure src="x" */>}} here')
    assert items[1] == ("escape", '{{< figure src="x" >}}')
    assert unescape("```\n{{%/* callout */%}}\n```") == "```\n{{% callout %}}\n```"


@pytest.mark.parametrize(
    "text, line, name, words",
    [
        ('ok\n\n{{< figure src="x.png" ', 3, "figure", "not closed"),
        ('a\n{{< figure caption="never closed >}}', 2, "figure", 'opened with "'),
        ("{{< figure caption=`open >}}", 1, "figure", "opened with `"),
        ("one\ntwo\n{{< callout note %}}", 3, "callout", "closed with '%}}'"),
        ("{{< >}}", 1, None, "expected a shortcode name"),
        ("x\n{{< /callout >}}", 2, "callout", "closing tag without an opening"),
        ("{{< a one key=v >}}", 1, "a", "mixes positional and named"),
        ("{{< a key=v one >}}", 1, "a", "mixes named and positional"),
        ("{{% box %}}\ntext\n{{< /box >}}", 3, "box", "opened with '{{%' on line 1"),
        ('{{< a b"c >}}', 1, "a", "quote values"),
    ],
)
def test_malformed_shortcodes_name_their_line(text, line, name, words):
    with pytest.raises(ShortcodeError) as info:
        parse(text)
    assert (info.value.line, info.value.name) == (line, name)
    assert words in info.value.message


def test_an_unclosed_pair_is_an_error_at_its_opening_line():
    text = "intro\n\n{{% callout warning %}}\nNever closed.\n"
    with pytest.raises(ShortcodeError) as info:
        parse(text, needs_inner=lambda name: name == "callout")
    assert info.value.line == 3 and "never closed" in info.value.message
    assert "{{% /callout %}}" in info.value.message


def test_an_unpaired_tag_inside_a_pair_is_standalone_when_it_takes_no_inner():
    [outer] = calls("{{< box >}}{{< icon x >}} text{{< /box >}}", needs_inner=lambda n: n == "box")
    assert outer.inner == "{{< icon x >}} text"
