"""Front matter read as Hugo reads it: the delimiters, YAML as Hugo 0.125's yaml.v2, dates, fields.

Each row here is a row of the table in docs/hugo.md. The property tests feed generated input to
the parser, the date reader and the field rules: they answer or refuse with a ContentError,
never anything else, and what the importer writes reads back the same.
"""

import datetime
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commands.hugo_import import mapping
from sitelib.frontmatter.dates import parse_date
from sitelib.frontmatter.fields import normalize
from sitelib.frontmatter.parse import ContentError, split

PROPERTY = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize(
    "text, data, body",
    [
        ("---\ntitle: A\n---\nBody\n", {"title": "A"}, "Body\n"),
        ("\n\n  \n---\ntitle: A\n---\nBody", {"title": "A"}, "Body"),  # blank lines before: skipped
        ("\ufeff---\ntitle: A\n---\nBody", {"title": "A"}, "Body"),  # byte order mark
        ("---\r\ntitle: A\r\n---\r\nBody", {"title": "A"}, "Body"),  # Windows line ends
        (
            "---\ntitle: A\n---6-----1---\n---\nBody",
            {"title": "A"},
            "6-----1---\n---\nBody",
        ),  # any line starting ---
        ("---\ntitle: A\n-----\nBody", {"title": "A"}, "--\nBody"),
        ('+++\ntitle = "A"\n+++\nBody', {"title": "A"}, "Body"),
        ('{"title": "A", "tags": ["x"]}\nBody', {"title": "A", "tags": ["x"]}, "Body"),  # JSON
        (
            "#+TITLE: A\n#+TAGS: x y\nBody",
            {"title": "A", "tags": ["x", "y"]},
            "Body",
        ),  # Org headers
        (
            "<!--\n---\ntitle: A\n---\n-->\nBody",
            {"title": "A"},
            "Body",
        ),  # hidden in an HTML comment
        ("---\n---\nBody", {}, "Body"),
        ("# Heading\n\ntext", {}, "# Heading\n\ntext"),  # no front matter
        ("Just text", {}, "Just text"),
    ],
)
def test_where_hugo_finds_front_matter(text, data, body):
    front, rest = split(text, "x.md")
    assert front.data == data
    assert rest == body


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("---\ntitle: A\n", 1, "never closed"),
        ("- a list item\n", 1, "must start with a '---' line"),
        ("+ item\n", 1, "must start with a '+++' line"),
        ('{"title": "A"\n', 1, "never closed"),
        ("---\ntitle: Jupyter: a story\n---\n", 2, "put the whole value in quotes"),
        ("---\ntitle: x\n\ttags: [a]\n---\n", 3, "tabs"),
        ('---\ntitle: "A" and more\n---\n', 2, "text follows a quoted value"),
        ('+++\ntitle = "A"\ntitle = "B"\n+++\n', 3, "a key is given twice"),
        ("+++\ntitle = A\n+++\n", 2, "text values need quotes"),
        ('{"title": }\nx', 1, "invalid JSON front matter"),
    ],
)
def test_what_hugo_refuses_is_one_line_with_a_fix(text, line, words):
    with pytest.raises(ContentError) as caught:
        split(text, "x.md")
    [(path, number, message)] = caught.value.problems
    assert (path, number) == ("x.md", line)
    assert words in message


@pytest.mark.parametrize(
    "yaml_text, value",
    [
        ("y", True),
        ("on", True),
        ("No", False),
        ("OFF", False),
        ("true", True),
        ("1:30", "1:30"),  # PyYAML alone reads 90 (base 60): yaml.v2 keeps the text
        ("2024-05-31", "2024-05-31"),  # dates stay text: fields.py reads them as Hugo does
        ("1e3", 1000.0),
        ("0x1F", 31),
        ("017", 15),
        ("0o17", 15),
        ("1_000", 1000),
        ("=", "="),  # PyYAML alone cannot even build this value
        ("~", None),
        ("", None),
        (".inf", float("inf")),
        ("08", 8.0),  # not octal: yaml.v2 falls back to a float
    ],
)
def test_yaml_scalars_as_yaml_v2_reads_them(yaml_text, value):
    front, _ = split(f"---\nkey: {yaml_text}\n---\n", "x.md")
    assert front.data["key"] == value
    assert type(front.data["key"]) is type(value)


def test_a_key_given_twice_keeps_the_last_value_with_a_warning():
    front, _ = split("---\ntitle: One\ndate: 2024-01-01\ntitle: Two\n---\n", "x.md")
    assert front.data["title"] == "Two"
    assert front.warnings == [
        (
            4,
            "'title' is given twice in the front matter; the last value counts (line 1 of the "
            "front matter is ignored): remove one",
        )
    ]


def test_keys_become_text_as_hugo_makes_them():
    front, _ = split("---\n2023: year\nyes: bool\n---\n", "x.md")
    assert front.data == {"2023": "year", "true": "bool"}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-05-31", datetime.datetime(2024, 5, 31)),
        ("2024-05-31T14:00:00Z", datetime.datetime(2024, 5, 31, 14, tzinfo=datetime.UTC)),
        (
            "2024-11-18T12:55:20-0800",
            datetime.datetime(
                2024, 11, 18, 12, 55, 20, tzinfo=datetime.timezone(datetime.timedelta(hours=-8))
            ),
        ),
        ("2024-05-31 14:00:00", datetime.datetime(2024, 5, 31, 14)),
        (
            "2024-05-31T14:00:00.5+02:00",
            datetime.datetime(
                2024, 5, 31, 14, 0, 0, 500000, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
        ),
        (
            "Fri, 31 May 2024 14:00:00 +0000",
            datetime.datetime(2024, 5, 31, 14, tzinfo=datetime.UTC),
        ),
        ("31 May 2024", datetime.datetime(2024, 5, 31)),
        ("Fri May 31 14:00:00 2024", datetime.datetime(2024, 5, 31, 14)),
        (0, datetime.datetime(1970, 1, 1)),  # a number is Unix seconds
        (datetime.date(2024, 5, 31), datetime.datetime(2024, 5, 31)),  # TOML dates
    ],
)
def test_dates_hugo_reads(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["none", "31/31/2024", "2024-1-5", "2024-13-01", "soon", "", True, 1.5, [2024]]
)
def test_dates_hugo_does_not_read(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    "raw, fields, warned",
    [
        ({"Title": 2024}, {"title": "2024", "draft": False}, []),
        ({"title": ["a"]}, {"draft": False}, ["title"]),
        ({"author": "Yuvi Panda"}, {"authors": ["Yuvi Panda"], "draft": False}, []),
        ({"author": {"name": "Ada"}}, {"authors": ["Ada"], "draft": False}, []),
        ({"authors": ["A"], "author": "B"}, {"authors": ["A"], "draft": False}, []),
        (
            {"categories": "service enhancements"},
            {"categories": ["service enhancements"], "draft": False},
            [],
        ),
        ({"tags": "a, b"}, {"tags": ["a, b"], "draft": False}, ["tags"]),
        ({"tags": [1, "x", None]}, {"tags": ["1", "x"], "draft": False}, []),
        ({"draft": "true"}, {"draft": True}, []),
        ({"draft": "yes"}, {"draft": False}, ["draft"]),
        ({"published": False}, {"draft": True}, []),
        ({"weight": "3"}, {"weight": 3, "draft": False}, []),
        ({"weight": "heavy"}, {"weight": 0, "draft": False}, ["weight"]),
        ({"aliases": "/a /b"}, {"aliases": ["/a", "/b"], "draft": False}, []),
        ({"slug": "-x-"}, {"slug": "x", "draft": False}, []),
        ({"url": "about"}, {"url": "/about/", "draft": False}, []),
        ({"headless": True}, {"build": {"list": "never", "render": "never"}, "draft": False}, []),
        (
            {"_build": {"list": False}},
            {"build": {"list": "never", "render": "always"}, "draft": False},
            [],
        ),
        ({"date": "none"}, {"draft": False}, ["date"]),
        (
            {"pubdate": "2024-05-31"},
            {
                "date": datetime.datetime(2024, 5, 31),
                "publishdate": datetime.datetime(2024, 5, 31),
                "draft": False,
            },
            [],
        ),
        ({"params": {"subtitle": "S"}}, {"subtitle": "S", "draft": False}, []),
    ],
)
def test_fields_as_hugo_reads_them(raw, fields, warned):
    found = normalize(raw)
    assert found.data == fields and not found.problems
    assert [key for key, _message in found.warnings] == warned


@pytest.mark.parametrize(
    "raw, key",
    [
        ({"url": "https://elsewhere.org/x/"}, "url"),
        ({"aliases": ["https://elsewhere.org/x/"]}, "aliases"),
        ({"params": "text"}, "params"),
        ({"build": "never"}, "build"),
        ({"_build": {"render": "sometimes"}}, "_build"),
    ],
)
def test_fields_hugo_refuses(raw, key):
    assert [k for k, _message in normalize(raw).problems] == [key]


# --- Properties ------------------------------------------------------------------------------------

FENCE_TEXT = st.sampled_from(
    [
        "---",
        "+++",
        "----",
        "---x",
        "{",
        "}",
        "#+",
        "<!--",
        "-->",
        "-",
        "+",
        "\ufeff",
        "\r",
        "title: A",
        'title = "A"',
        "key: [a, b",
        "\t",
        "  ",
        ":",
        '"',
        "'",
        "\x00",
        "\x85",
        "date: 2024-05-31",
        "&a",
        "*a",
        "!!python/object:x",
        "? [a]\n: b",
        "<<: *a",
    ]
)
TEXT = st.lists(st.one_of(FENCE_TEXT, st.text(max_size=20)), max_size=12).map("\n".join)


@PROPERTY
@given(TEXT)
@example("---\na: &a [*a]\n---\n")
@example("---\n" + "[" * 2000 + "\n---\n")
@example("---\nkey: 0b\n---\n")
@example("---\ntitle: a\x00b\n---\n")  # a NUL: found by the robustness tests of the build
def test_any_text_is_read_or_refused_with_a_line(text):
    try:
        front, body = split(text, "x.md")
    except ContentError as exc:
        assert exc.problems and all(
            p == "x.md" and isinstance(n, int) and n >= 1 and m for p, n, m in exc.problems
        )
        return
    assert isinstance(front.data, dict) and isinstance(body, str)
    found = normalize(front.data)
    assert all(isinstance(k, str) for k in found.data)


JSONISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=30),
        st.dates(),
        st.datetimes(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "title",
        "date",
        "lastmod",
        "publishdate",
        "expirydate",
        "slug",
        "url",
        "authors",
        "author",
        "tags",
        "categories",
        "draft",
        "published",
        "featured",
        "weight",
        "aliases",
        "keywords",
        "headless",
        "_build",
        "build",
        "params",
        "summary",
        "Title",
        "image",
        "status",
    ]
)


@PROPERTY
@given(st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), JSONISH, max_size=8))
def test_the_field_rules_never_fail_on_any_value(raw):
    found = normalize(raw)
    assert all(
        isinstance(k, str) and isinstance(m, str) for k, m in found.problems + found.warnings
    )
    for key in ("tags", "categories", "authors", "aliases", "keywords"):
        assert all(isinstance(v, str) and v for v in found.data.get(key, []))
    assert isinstance(found.data["draft"], bool)


@PROPERTY
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.none()))
@example("9999-12-31T23:59:59+23:59")
@example(10**20)
def test_dates_are_read_or_refused_with_value_error(value):
    try:
        assert isinstance(parse_date(value), datetime.datetime)
    except ValueError:
        pass


PLAIN = st.text(alphabet=string.printable + "éü漢🎉", max_size=20)
WRITTEN = st.dictionaries(
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=8),
    st.one_of(PLAIN, st.booleans(), st.integers(), st.lists(PLAIN, max_size=3)),
    max_size=6,
)


@PROPERTY
@given(WRITTEN, PLAIN)
@example({"a": "y"}, "")
@example({"a": "1:30", "b": "2024-05-31", "c": "017", "d": "="}, "")
def test_what_the_importer_writes_reads_back_the_same(data, body):
    written = mapping.dump(data, body)
    front, rest = split(written, "x.md")
    assert front.data == data
    assert rest == body


def test_a_slug_made_from_a_long_title_is_cut_at_a_hyphen():
    from pelican.settings import DEFAULT_CONFIG

    from sitelib.frontmatter.titles import TITLE_SLUG_LENGTH, title_slug

    settings = {"SLUG_REGEX_SUBSTITUTIONS": DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]}
    title = "Open infrastructure for science communities, and what we learned " * 5
    slug = title_slug(title, settings)
    assert len(slug) <= TITLE_SLUG_LENGTH and not slug.endswith("-")
    assert title.lower().replace(",", "").replace(" ", "-").startswith(slug + "-")
    assert title_slug("A short title", settings) == "a-short-title"
