"""Front matter fields as Hugo reads them (hugolib/page__meta.go, resources/page/pagemeta), in one place.

Both the reader (every build) and the Hugo importer call :func:`normalize`, so a file means the
same to both. It takes the parsed front matter and returns the fields in one form each:
text as ``str``, booleans as ``bool``, lists as lists of ``str``, dates as ``datetime``,
and the problems (Hugo refuses the file) and warnings (Hugo reads it, perhaps not as meant),
each with the key it concerns so that callers can give its line. The table in docs/hugo.md
lists every rule.
"""

from .dates import parse_date

# Date fields and the keys Hugo takes each from, first found (Hugo's default [frontmatter] config).
DATE_CHAINS = {
    "date": ("date", "publishdate", "pubdate", "published", "lastmod", "modified"),
    # Hugo then falls back to the date for these two; so do the templates and the scheduling
    "publishdate": ("publishdate", "pubdate", "published"),
    "lastmod": ("lastmod", "modified"),
    "expirydate": ("expirydate", "unpublishdate"),
}
DATE_KEYS = {key for chain in DATE_CHAINS.values() for key in chain}
TAXONOMIES = ("tags", "categories", "authors")
# Hugo has no such field, but authors write it: the singular names a list when the plural is absent.
SINGULAR = {"tag": "tags", "category": "categories", "author": "authors"}
TEXT_FIELDS = (
    "title",
    "linktitle",
    "summary",
    "description",
    "type",
    "layout",
    "markup",
    "translationkey",
)
BUILD_VALUES = {"list": ("always", "never", "local"), "render": ("always", "never", "link")}
BOOL_TEXT = {
    "1": True,
    "t": True,
    "T": True,
    "TRUE": True,
    "true": True,
    "True": True,
    "0": False,
    "f": False,
    "F": False,
    "FALSE": False,
    "false": False,
    "False": False,
}


class Fields:
    """The result of :func:`normalize`."""

    def __init__(self):
        self.data = {}
        self.problems = []  # (key, message): Hugo refuses the file
        self.warnings = []  # (key, message): Hugo reads it, maybe not as the author meant
        self.date_source = None  # the key the page's date came from

    def warn(self, key, message):
        self.warnings.append((key, message))

    def problem(self, key, message):
        self.problems.append((key, message))


def to_text(value):
    """Hugo's cast.ToString: numbers and booleans become text; lists and mappings become ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return ""


def to_bool(value):
    """Hugo's cast.ToBool: (value, understood). Text must be Go's ParseBool words."""
    if isinstance(value, bool):
        return value, True
    if value is None:
        return False, True
    if isinstance(value, (int, float)):
        return value != 0, True
    if isinstance(value, str) and value in BOOL_TEXT:
        return BOOL_TEXT[value], True
    return False, False


def to_int(value):
    """Hugo's cast.ToInt: (value, understood); text like "5" or "0x10" counts."""
    if isinstance(value, bool):
        return int(value), True
    if isinstance(value, int):
        return value, True
    if isinstance(value, float):
        return (int(value), True) if value == value and abs(value) != float("inf") else (0, False)
    if value is None:
        return 0, True
    if isinstance(value, str):
        text = value.strip()
        text = text[:-2] if text.endswith(".0") else text
        try:
            return int(text, 0), True
        except ValueError:
            return 0, False
    return 0, False


def to_list(value, split_text):
    """Hugo's cast.ToStringSlice (``split_text``: text splits on spaces) or ToStringSlicePreserveString."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split() if split_text else [value]
    if isinstance(value, (list, tuple)):
        return [to_text(v) for v in value]
    text = to_text(value)
    return [text] if text else []


def normalize(raw, taxonomies=TAXONOMIES):
    """Hugo's reading of the front matter ``raw`` (a dict with text keys): a :class:`Fields`."""
    out = Fields()
    given = {}
    for key, value in raw.items():
        low = str(key).lower()
        if low in given:
            out.warn(
                low,
                f"'{key}' is given twice (Hugo does not tell upper and lower case apart); "
                "one of them is ignored: remove it",
            )
        given[low] = value
    params = given.pop("params", None)
    if params is not None:
        if isinstance(params, dict):
            for key, value in params.items():
                given.setdefault(str(key).lower(), value)
        else:
            out.problem(
                "params",
                "'params' must be a mapping of 'key: value' lines (Hugo refuses the page "
                "otherwise); indent the values under it",
            )
    data = out.data

    for key in TEXT_FIELDS:
        if key in given:
            value = given.pop(key)
            text = to_text(value)
            if value is not None and not text and not isinstance(value, str):
                out.warn(
                    key,
                    f"'{key}' must be text, not a {kind(value)}; Hugo reads it as empty: write it as text",
                )
            if text.strip():
                data[key] = text.strip() if key != "summary" else text

    if "slug" in given:
        slug = (
            to_text(given.pop("slug")).strip().strip("-")
        )  # Hugo: a slug never starts or ends with "-"
        if slug:
            data["slug"] = slug
    if "url" in given:
        url = to_text(given.pop("url")).strip()
        if url.startswith(("http://", "https://")):
            out.problem(
                "url",
                f"'url' must be a path on this site, not {url!r} (Hugo refuses addresses with "
                "http://); use aliases on the other site, or remove it",
            )
        elif url:
            url = "/" + url.lstrip("/")
            # Hugo writes an address without a file extension as a folder: /about → /about/index.html
            data["url"] = url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"

    _dates(given, out)
    _booleans(given, out)
    _lists(given, out, taxonomies)

    if "weight" in given:
        value = given.pop("weight")
        weight, ok = to_int(value)
        if not ok:
            out.warn(
                "weight",
                f"'weight' {value!r} is not a whole number; Hugo reads it as 0: write a number",
            )
        data["weight"] = weight

    build = {"list": "always", "render": "always"}
    if "headless" in given:
        headless, ok = to_bool(given.pop("headless"))
        if headless:
            build = {"list": "never", "render": "never"}
    for key in ("_build", "build"):
        if key in given:
            _build_options(given.pop(key), key, build, out)
            break
    if build != {"list": "always", "render": "always"}:
        data["build"] = build

    for key, value in given.items():  # everything else is a page parameter, passed on as written
        data.setdefault(key, value)
    return out


def _dates(given, out):
    parsed = {}
    for key in sorted(DATE_KEYS & set(given)):
        value = given.pop(key)
        if key == "published" and to_bool(value)[1]:
            given[key] = value  # published: true/false is a boolean (see _booleans)
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            parsed[key] = parse_date(value)
        except (ValueError, OverflowError):
            out.warn(
                key,
                f"'{key}: {to_text(value) or kind(value)}' is not a date Hugo can read (Hugo 0.125 "
                "ignores it, newer versions refuse it); write it like 2024-05-31 or 2024-05-31T14:00:00Z",
            )
            continue
        if isinstance(value, int):
            out.warn(
                key,
                f"'{key}: {value}' is read as Unix seconds, as Hugo reads a number: "
                f"{parsed[key]:%Y-%m-%d %H:%M}; write it like 2024-05-31 if that is not what you meant",
            )
    for field, chain in DATE_CHAINS.items():
        key = next((k for k in chain if k in parsed), None)
        if key:
            out.data[field] = parsed[key]
            if field == "date":
                out.date_source = key


def _booleans(given, out):
    flags = {}
    for key in ("draft", "published", "featured", "iscjklanguage"):
        if key not in given:
            continue
        value = given.pop(key)
        flags[key], ok = to_bool(value)
        if not ok:
            out.warn(
                key,
                f"'{key}: {to_text(value) or kind(value)}' is not true or false; Hugo reads it as "
                "false: write true or false",
            )
    if "draft" in flags and "published" in flags:
        out.warn(
            "published",
            "both 'draft' and 'published' are given; Hugo uses 'draft': remove 'published'",
        )
    out.data["draft"] = flags.pop("draft") if "draft" in flags else not flags.pop("published", True)
    flags.pop("published", None)
    out.data.update(flags)


def _lists(given, out, taxonomies):
    for singular, plural in SINGULAR.items():
        if singular in given and plural in taxonomies:
            value = given.pop(singular)
            if isinstance(value, dict):  # author: {name: ...}, as some themes write it
                value = value.get("name") or value.get("title")
            if plural not in given:
                given[plural] = value
    for key in taxonomies:
        if key not in given:
            continue
        value = given.pop(key)
        if isinstance(value, dict):
            out.warn(
                key,
                f"'{key}' must be a list of names, not a mapping; Hugo ignores it: write {key}: [a, b]",
            )
            continue
        names = to_list(value, split_text=False)
        if isinstance(value, (list, tuple)) and any(not to_text(v) for v in value if v is not None):
            out.warn(
                key, f"'{key}' has an item that is not a name (a list or mapping); Hugo drops it"
            )
        if isinstance(value, str) and "," in value:
            out.warn(
                key,
                f"'{key}: {value}' is one name to Hugo (it does not split at commas): "
                f"write {key}: [{', '.join(v.strip() for v in value.split(','))}] for several",
            )
        names = [n.strip() for n in names if n.strip()]
        if names:
            out.data[key] = list(dict.fromkeys(names))
    for key in ("aliases", "keywords"):
        if key not in given:
            continue
        items = [i.strip() for i in to_list(given.pop(key), split_text=True) if i.strip()]
        if key == "aliases":
            remote = [i for i in items if i.startswith(("http://", "https://"))]
            for item in remote:
                out.problem(
                    key, f"each alias must be a path on this site like /old/path/, not {item!r}"
                )
            items = [i for i in items if i not in remote]
        if items:
            out.data[key] = items


def _build_options(value, key, build, out):
    if isinstance(value, bool) or value is None:
        return
    if not isinstance(value, dict):
        out.problem(
            key,
            f"'{key}' must be a mapping like {{list: never, render: never}} (Hugo refuses the page "
            "otherwise)",
        )
        return
    for option, raw in value.items():
        option = str(option).lower()
        if option not in BUILD_VALUES:
            continue  # publishResources and future options: files beside the page are copied anyway
        if isinstance(raw, bool):
            build[option] = "always" if raw else "never"
        elif str(raw).lower() in BUILD_VALUES[option]:
            build[option] = str(raw).lower()
        else:
            out.problem(
                key,
                f"'{key}.{option}: {raw}' must be one of {', '.join(BUILD_VALUES[option])} "
                "(Hugo refuses the page otherwise)",
            )


def kind(value):
    return {dict: "mapping", list: "list"}.get(type(value), type(value).__name__)
