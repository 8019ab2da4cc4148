"""Hypothesis strategies for content files a person (or an import) might write: every known
front matter field with values of every type, missing and repeated fields, odd delimiters,
line endings and encodings, odd Unicode, huge values, shortcodes and links cut in half.

``content_file()`` draws where a file goes under content/ and what it holds."""

import datetime
import json
import math

import yaml
from hypothesis import strategies as st

FIELDS = [
    "title",
    "date",
    "lastmod",
    "slug",
    "authors",
    "author",
    "tags",
    "categories",
    "summary",
    "draft",
    "featured",
    "image",
    "aliases",
    "template",
    "status",
    "weight",
    "url",
]
# Rare choices are drawn as the highest number of a range: Hypothesis favours low ones.
# Fields of person files and job postings, which the people and careers plugins read.
OTHER_FIELDS = [
    "name",
    "role",
    "groups",
    "avatar",
    "social",
    "organizations",
    "open",
    "deadline",
    "location",
    "level",
    "salary_range",
    "save_as",
    "external_link",
    "hero_title",
    "subtitle",
    "image_alt",
]

ODD_TEXT = [
    "",
    " ",
    "\t",
    "\u202eevil\u202c",
    "e\u0301\u0301\u0301",
    "a\u200bb\u200d",
    "\ufeff",
    "😀👩‍👩‍👧",
    "\x00",
    "\x07\x1b[31m",
    "\u2028",
    "日本語",
    "ﷺ",
    "null",
    "~",
    "yes",
    "no",
    "on",
    "0x1F",
    "1e999",
    "-0",
    "NaN",
    "2024-13-45",
    "0000-00-00",
    "2024-02-30",
    "9999-12-31T23:59:59Z",
    "31/12/2024",
    "../../../etc/passwd",
    "/",
    "//",
    "/../x/",
    "http://",
    "https://x",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "{{ SITENAME }}",
    "{% raw %}",
    "%s%d",
    "{slug}",
    "{0}",
    "article",
    "page",
    "base",
    "includes/header",
    "person",
    "../base",
    "published",
    "draft",
    "hidden",
    "skip",
    "a" * 300,
    "-",
    "---",
    "+++",
    "#",
    "a: b",
    "[x",
    "{x",
    "\\",
    "'",
    '"',
    "C:\\x",
]
CUT_SNIPPETS = [
    '{{< figure src="x',
    "{{< figure",
    "{{%",
    "{{% /x %}}",
    "{{< /callout >}}",
    "{{< callout >}}never closed",
    '{{< youtube id="',
    "{{< open_jobs >}}",
    "{{< job_details >}}",
    '{{< job_details "nope" >}}',
    "{{< nope >}}",
    "{{< pull-quote >}}",
    "{{< video src= >}}",
    '{{< figure src="../../../etc/passwd" >}}',
    "{{<>}}",
    "{{< < >}}",
    "[a](../b",
    "[a](",
    "![img](",
    "[x]({filename}/blog/nope.md)",
    "[x](../pages/about.md)",
    "[x](#)",
    "[x](/)",
    "[x](http://[::1)",
    "<a href=",
    "<div>",
    "</div></div>",
    "```python\nnever closed",
    "[TOC]",
    "# ",
    "######## x",
    "&#x0;",
    "&nosuch;",
    "<!--",
    "| a | b |\n|--|",
    "* " * 50,
    "> " * 50,
    "[^1]",
    "*[A]:",
    "\\",
    "`",
]
BAD_BYTES = [
    b"\xff\xfe",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\x80",
    b"\xf4\x90\x80\x80",
    b"\x00",
    b"\xe2\x82",
]

# Whole-minute offsets: PyYAML cannot read back the seconds of historic ones (guard-findings.md).
ZONES = st.sampled_from(
    [
        datetime.UTC,
        datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
        datetime.timezone(datetime.timedelta(hours=-8)),
    ]
)
odd_text = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=8),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    odd_text,
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.datetimes(),
    st.datetimes(timezones=ZONES),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
HUGE = {
    "title": "T" * 100_000,  # a 100 KB title
    "tags": [f"tag{n}" for n in range(10_000)],  # 10,000 tags
    "summary": "word " * 20_000,
    "aliases": [f"/old/{n}/" for n in range(2_000)],
}


words = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30
)
names = st.one_of(words, odd_text)
# What each field usually holds: most drawn values are of the right type, the rest anything.
PLAUSIBLE = {
    "title": names,
    "name": names,
    "role": names,
    "subtitle": names,
    "hero_title": names,
    "location": names,
    "date": st.one_of(
        st.dates(), st.datetimes(), st.sampled_from(["2024-05-31", "2024-05-31T14:00:00Z"])
    ),
    "lastmod": st.one_of(st.dates(), st.datetimes()),
    "deadline": st.dates(),
    "slug": st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), names),
    "authors": st.lists(names, max_size=3),
    "tags": st.lists(names, max_size=4),
    "groups": st.lists(names, max_size=2),
    "categories": st.lists(names, max_size=3),
    "author": names,
    "summary": st.one_of(words, st.sampled_from(CUT_SNIPPETS)),
    "draft": st.booleans(),
    "featured": st.booleans(),
    "open": st.booleans(),
    "image": st.sampled_from(
        [
            "square.svg",
            "/images/logo.svg",
            "https://example.org/x.png",
            "nope.png",
            "../x.png",
            {"filename": "square.svg", "preview_only": True},
            {"caption": "x"},
        ]
    ),
    "avatar": st.sampled_from(["avatar.png", "/images/logo.svg", "https://example.org/x.png"]),
    "aliases": st.lists(
        st.one_of(st.from_regex(r"/[a-z0-9/-]{1,20}/", fullmatch=True), names), max_size=3
    ),
    "template": st.sampled_from(
        ["article", "page", "home", "person", "base", "nope", "includes/footer"]
    ),
    "status": st.sampled_from(["published", "draft", "hidden", "skip", "weird"]),
    "weight": st.integers(-5, 100),
    "level": st.integers(0, 5),
    "url": st.sampled_from(["x/", "/x/", "about/", "", "https://example.org/"]),
    "save_as": st.sampled_from(
        ["x/index.html", "about/index.html", "index.html", "../out.html", ""]
    ),
    "social": st.dictionaries(
        st.sampled_from(["github", "x", "email", "website"]), names, max_size=2
    ),
}


# A file of each place that builds, before any field is changed.
BASES = {
    "blog": [("title", "A post"), ("date", datetime.date(2024, 5, 1)), ("tags", ["hubs"])],
    "pages": [("title", "A page")],
    "team": [("name", "Grace Hopper"), ("role", "Engineer")],
    "jobs": [
        ("title", "A job"),
        ("date", datetime.date(2024, 5, 1)),
        ("open", True),
        ("deadline", datetime.date(2030, 1, 1)),
    ],
}


@st.composite
def field(draw, keys=st.sampled_from(FIELDS + OTHER_FIELDS) | st.text(max_size=8)):
    key = draw(keys)
    plausible = PLAUSIBLE.get(key)
    return key, draw(plausible if plausible is not None and draw(st.integers(0, 3)) < 3 else values)


@st.composite
def front_matter(draw, place="blog/fuzz.md"):
    """(key, value) pairs: mostly a file that builds with a few fields changed, added or
    repeated, else any fields in any order; now and then one huge value."""
    if draw(st.integers(0, 3)) < 3:
        pairs = list(BASES[place.split("/", 1)[0]])
        for _ in range(draw(st.integers(1, 3))):
            key, value = draw(field())
            pairs = [(k, v) for k, v in pairs if k != key] + [(key, value)]  # changed, or added
    else:
        pairs = draw(st.lists(field(), max_size=8))
    if draw(st.integers(0, 4)) == 4 and pairs:
        pairs.append(draw(st.sampled_from(pairs)))  # a repeated field
    if draw(st.integers(0, 19)) == 19:
        key = draw(st.sampled_from(sorted(HUGE)))
        pairs = [(k, v) for k, v in pairs if k != key] + [(key, HUGE[key])]
    return pairs


def yaml_block(pairs):
    lines = []
    for key, value in pairs:
        try:
            lines.append(
                yaml.safe_dump(
                    {key: value}, allow_unicode=True, default_flow_style=False, width=10**9
                )
            )
        except yaml.YAMLError:
            lines.append(f"{key}: {value!r}\n")
    return "".join(lines)


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, (int, datetime.date)):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}"
                for k, v in value.items()
                if v is not None
            )
            + "}"
        )
    return json.dumps(value if value is not None else "", ensure_ascii=False)


def toml_block(pairs):
    return "".join(
        f"{json.dumps(key, ensure_ascii=False)} = {toml_value(value)}\n" for key, value in pairs
    )


GOOD_DELIMITERS = [("---", "---"), ("+++", "+++")]
ODD_DELIMITERS = [
    ("---", "+++"),
    ("+++", "---"),
    ("--- trailing text", "---"),
    ("----", "----"),
    ("---", None),
    ("+++", None),
    ("", ""),
]


@st.composite
def body(draw):
    prose = st.sampled_from(
        [
            "A plain paragraph.",
            "## A heading",
            "- a list\n- of two",
            "[About](/about/)",
            "![A square](square.svg)",
            '{{< figure src="square.svg" alt="A square" >}}',
            "*emphasis*",
        ]
    )
    parts = draw(
        st.lists(
            st.one_of(prose, prose, st.sampled_from(CUT_SNIPPETS), odd_text, words), max_size=8
        )
    )
    return "\n".join(parts)


@st.composite
def content_file(draw):
    """A ``ContentFile``: a path under content/ and the file's bytes."""
    place = draw(st.sampled_from(PLACES))
    opening, closing = draw(
        st.sampled_from(GOOD_DELIMITERS if draw(st.integers(0, 4)) < 4 else ODD_DELIMITERS)
    )
    pairs = draw(front_matter(place))
    block = toml_block(pairs) if opening.startswith("+++") else yaml_block(pairs)
    if not opening:
        text = block + "\n" + draw(body())  # no front matter at all: fields as text
    else:
        text = f"{opening}\n{block}" + (f"{closing}\n" if closing else "") + draw(body())
    if draw(st.integers(0, 4)) == 4:
        text = draw(st.sampled_from(["\n", "\n\n\n", " \n", "\t\n"])) + text  # leading blank lines
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    data = text.replace("\n", newline).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 4:
        data = b"\xef\xbb\xbf" + data  # a byte order mark
    if draw(st.integers(0, 9)) == 9:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]  # not UTF-8 any more
    return ContentFile(place, data)


class ContentFile:
    """A drawn file; shown shortened when Hypothesis reports it (a value may be 100 KB)."""

    def __init__(self, relpath, data):
        self.relpath, self.data = relpath, data

    def __repr__(self):
        shown = self.data if len(self.data) <= 400 else self.data[:400] + b"..."
        return f"ContentFile({self.relpath!r}, {shown!r} ({len(self.data)} bytes))"


# where a file may go: a post, a page, a person or a posting, alone or as a bundle
PLACES = [
    "blog/fuzz.md",
    "blog/fuzz.md",
    "blog/2024/fuzz/index.md",
    "pages/fuzz.md",
    "pages/fuzz/index.md",
    "team/fuzz.md",
    "team/fuzz/index.md",
    "jobs/fuzz.md",
]
