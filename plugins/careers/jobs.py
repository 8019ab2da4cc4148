"""A job posting's fields, from its front matter, as the templates show them.

The same function serves the posting page, the /jobs/ cards and the
``job_details`` shortcode (which only has the front matter of the page it is
in), so all three always agree.
"""

import datetime
import posixpath
import re

from pelican.contents import Content

from sitelib.inline import render_inline

from .salaries import dollars

BUNDLE_INDEX = ("index.md", "_index.md")
AMOUNT = re.compile(r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*([kK])?")


class Job(Content):
    mandatory_properties = ("title",)
    default_template = "job"


class JobInfo:
    """What a visitor sees about a posting: no Pelican objects, only plain values."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


def job_url(relpath):
    """jobs/2023/product-lead.md -> jobs/2023/product-lead/; jobs/x/index.md -> jobs/x/."""
    stem, _ = posixpath.splitext(relpath)
    if posixpath.basename(stem) in ("index", "_index"):
        stem = posixpath.dirname(stem)
    return stem + "/"


def truthy(value):
    """Hugo's job files say open = "false" as a string; None when it is neither."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return {"true": True, "yes": True, "false": False, "no": False, "": False}.get(text)


def as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def amounts_in(text):
    """[110000, 130000] from '$110,000 - $130,000' or '$95,000-125,000'."""
    found = []
    for number, thousands in AMOUNT.findall(str(text)):
        amount = float(number.replace(",", "")) * (1000 if thousands else 1)
        if amount >= 1000:
            found.append(int(amount))
    return found


def job_info(meta, relpath, table, settings):
    """(JobInfo, [(line, message)]) from a posting's mapped front matter."""
    problems = []
    lines = meta.get("source_lines", {})

    def problem(key, message):
        problems.append((lines.get(key, meta.get("source_line", 1)), message))

    is_open = truthy(meta.get("open", False))
    if is_open is None:
        problem("open", f"'open' must be true or false, got {meta.get('open')!r}")
        is_open = False

    salary, salary_level, low_high = salary_of(meta, table, problem)

    duties = meta.get("work_description") or []
    if isinstance(duties, str):
        duties = [duties]
    if not isinstance(duties, list) or not all(isinstance(d, str) for d in duties):
        problem(
            "work_description",
            "'work_description' must be a list of duties, like: work_description: [Run cloud infrastructure, ...]",
        )
        duties = []

    deadline = meta.get("deadline")
    deadline_date = as_date(deadline) if deadline not in (None, "") else None
    if deadline_date:
        deadline_html = deadline_date.strftime(settings.get("DEFAULT_DATE_FORMAT", "%Y-%m-%d"))
    else:
        deadline_html = render_inline(deadline) if deadline not in (None, "") else ""

    url_apply = str(meta.get("url_apply") or "").strip()
    if url_apply and not re.match(r"^(https?://|mailto:|/)", url_apply):
        problem(
            "url_apply",
            f"url_apply {url_apply!r} must be a link starting with https://, mailto: or /",
        )
        url_apply = ""

    date = meta.get("date")
    info = JobInfo(
        title=str(meta.get("title", "")).strip(),
        url=job_url(relpath),
        is_open=is_open,
        salary=salary,
        salary_level=salary_level,
        salary_min=low_high[0] if low_high else None,
        salary_max=low_high[1] if low_high else None,
        location=str(meta.get("location") or "").strip(),
        deadline_html=deadline_html,
        deadline_date=deadline_date,
        duties=[d.strip() for d in duties if d.strip()],
        url_apply=url_apply,
        date=date,
        show_date=truthy(meta.get("show_date", True)) is not False,
        employment_type=str(meta.get("employment_type") or "").strip(),
        applicant_locations=location_list(
            meta.get("applicant_location_requirements") or meta.get("applicant_locations")
        ),
    )
    return info, problems


def salary_of(meta, table, problem):
    """(text shown, Level or None, (min, max) or None)."""
    has_range = meta.get("salary_range") not in (None, "")
    role, level = meta.get("role"), meta.get("level")
    if role in (None, "") and level in (None, ""):
        if not has_range:
            return "", None, None
        text = meta["salary_range"]
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            return dollars(int(text)), None, (int(text), int(text))
        found = amounts_in(text)
        return str(text).strip(), None, (min(found), max(found)) if found else None
    if has_range:
        problem(
            "salary_range",
            "give either 'salary_range' or 'role' + 'level', not both: the range is computed from the salary table",
        )
        return "", None, None
    if role in (None, "") or level in (None, ""):
        missing = "role" if role in (None, "") else "level"
        problem(
            "level" if missing == "role" else "role",
            f"'{missing}' is missing: a salary from the salary table needs both 'role' and 'level'",
        )
        return "", None, None
    found, why = table.find(role, level)
    if found is None:
        problem("role" if why.startswith("unknown role") else "level", why)
        return "", None, None
    return found.range_text(), found, (found.amounts[0], found.amounts[-1])


def location_list(value):
    if value in (None, ""):
        return []
    return [
        str(v).strip() for v in (value if isinstance(value, list) else [value]) if str(v).strip()
    ]
