"""Dates in front matter, read as Hugo reads them.

Hugo turns a front matter value into a time with ``cast.ToTimeInDefaultLocationE`` (spf13/cast
v1.6, ``timeFormats``): the ISO forms (``2024-05-31``, ``2024-05-31T14:00:00Z``, with or
without a ``T``, with ``+01:00`` or ``+0100``, fractions of a second), the e-mail forms
(RFC 1123, 822, 850), Go's ``Time.String()``, ANSI C and Ruby forms, ``02 Jan 2006``, and whole
numbers as Unix seconds. Values without a time zone are in the site's time zone (naive here,
as Pelican expects). Anything else is not a date: :func:`parse_date` raises ``ValueError``.
"""

import datetime
import re

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
LONG_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
CLOCK = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?P<frac>\.\d+)?)?"
OFFSET = r"(?P<tz>Z|[+-]\d{2}:?\d{2})"
ZONE = r"(?P<zone>[A-Z]{3,5})"

FORMS = [
    re.compile(p)
    for p in (
        # 2006-01-02, 2006-01-02T15:04:05[.999][Z07:00|-0700], 2006-01-02 15:04:05[Z0700| -07:00| -0700][ MST]
        rf"(?P<Y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:[T ]{CLOCK}(?: ?{OFFSET})?(?: {ZONE})?)?",
        rf"(?:{DAY}, )?(?P<d>\d{{2}}) {MON} (?P<Y>\d{{4}}|\d{{2}}) {CLOCK} (?:{OFFSET}|{ZONE})",  # RFC 1123(Z), 822(Z)
        rf"{LONG_DAY}, (?P<d>\d{{2}})-{MON}-(?P<Y>\d{{2}}) {CLOCK} {ZONE}",  # RFC 850
        rf"{DAY} {MON} (?P<d>[ \d]\d) {CLOCK}(?: {ZONE})? (?P<Y>\d{{4}})",  # ANSI C, Unix date
        rf"{DAY} {MON} (?P<d>\d{{2}}) {CLOCK} {OFFSET} (?P<Y>\d{{4}})",  # Ruby
        rf"(?P<d>\d{{2}}) {MON} (?P<Y>\d{{4}})",  # 02 Jan 2006
    )
]


def parse_date(value):
    """A ``datetime.datetime`` from a front matter value, or ``ValueError``."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, int):
        try:  # Unix seconds, as Hugo reads a number
            return datetime.datetime.fromtimestamp(value, datetime.UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            raise ValueError(value) from None
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    for form in FORMS:
        match = form.fullmatch(text)
        if match:
            return _build(match.groupdict())
    raise ValueError(value)


def _build(parts):
    year = int(parts["Y"])
    if year < 100:  # two-digit years: Go's rule (69-99 → 19xx, 00-68 → 20xx)
        year += 1900 if year >= 69 else 2000
    month = int(parts["m"]) if parts.get("m") else MONTHS[parts["mon"].lower()]
    fraction = parts.get("frac") or ""
    micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
    stamp = datetime.datetime(
        year,
        month,
        int(parts["d"]),
        int(parts.get("H") or 0),
        int(parts.get("M") or 0),
        int(parts.get("S") or 0),
        micro,
    )
    offset = parts.get("tz")
    if offset:
        if offset == "Z":
            return stamp.replace(tzinfo=datetime.UTC)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return stamp.replace(tzinfo=datetime.timezone(sign * delta))
    if parts.get("zone"):  # Go reads a zone abbreviation it does not know as UTC
        return stamp.replace(tzinfo=datetime.UTC)
    return stamp


def later_than_now(date):
    """A date still to come (a naive date is compared with local time, as Pelican's are)."""
    if not date:
        return False
    now = datetime.datetime.now(date.tzinfo) if date.tzinfo else datetime.datetime.now()
    return date > now
