"""The issues the public archive shows, read from the ledger ``invoke newsletter`` writes.

Each email channel's ``campaigns`` maps a campaign id to a record: ``title``, ``subject``,
``issue`` ("2026-w48"), ``posts`` (feed URLs, in the email's order), ``state``, ``send_at``.
Records written before ``subject``, ``issue`` and ``send_at`` existed have ``title``
("2i2c weekly 2026-W48") and ``at`` (when the campaign was made) instead: the issue comes
from the title, the date from ``at``, or for a scheduled one from the configured send day
of that week, which is when it went out. An issue is shown once it has reached
subscribers: sent, or scheduled for a time already past.
"""

import dataclasses
import datetime
import json
import re

from commands.newsletter.settings import WEEKDAYS

EMAIL_CHANNELS = ("mailchimp", "buttondown")
SENT = {"sent", "sending"}  # "sending": Mailchimp's status while it delivers
SCHEDULED = {"scheduled", "schedule"}  # "schedule": Mailchimp's status word, kept by older ledgers
ISSUE = re.compile(r"\d{4}-w\d{2}")
TITLE_WEEK = re.compile(r"(\d{4})-[Ww](\d{1,2})\s*$")
UTC = datetime.UTC


class LedgerUnreadable(Exception):
    """The ledger is not JSON, or not a ledger: the message names the file and line."""


@dataclasses.dataclass
class Issue:
    issue: str  # "2026-w48": its page is /newsletter/2026-w48/
    subject: str
    date: datetime.datetime  # when it went out (UTC)
    posts: list  # URLs, in the order of the first email that listed them


def read(path):
    """The ledger's data, or None when there is no ledger yet."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return None
    except json.JSONDecodeError as exc:
        raise LedgerUnreadable(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); restore it from the "
            "newsletter-state branch"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerUnreadable(
            f"{path}:1: cannot be read ({exc.__class__.__name__}: {exc})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("channels", {}), dict):
        raise LedgerUnreadable(
            f"{path}:1: not a newsletter ledger (no 'channels' object); restore it from the "
            "newsletter-state branch"
        )
    return data


def parse_time(value):
    """An ISO 8601 time as an aware UTC datetime, or None."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def issue_of(record):
    """The lowercase ISO week of a record: its ``issue``, or the week its title ends with."""
    issue = record.get("issue")
    if isinstance(issue, str):
        issue = issue.strip().lower()
        return issue if ISSUE.fullmatch(issue) else None
    match = (
        TITLE_WEEK.search(record.get("title") or "")
        if isinstance(record.get("title"), str)
        else None
    )
    if match and 1 <= int(match[2]) <= 53:
        return f"{match[1]}-w{int(match[2]):02d}"
    return None


def send_day_of(issue, conf):
    """The configured send day and time in the issue's week: a scheduled campaign's week is
    that of its send time (campaign titles are made from it)."""
    year, week = int(issue[:4]), int(issue[6:])
    hour, minute = (int(x) for x in conf["send_time"].split(":"))
    try:
        day = datetime.date.fromisocalendar(year, week, WEEKDAYS.index(conf["send_day"]) + 1)
    except ValueError:  # week 53 of a year that has 52
        return None
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def campaign(record, conf):
    """(issue, subject, send time, state, posts) of a finished record; None for an unfinished
    one; for a finished one with a missing or wrong field, the name of that field."""
    if not isinstance(record, dict):
        return "record"
    state = record.get("state")
    if not isinstance(state, str):
        return "state"
    if state not in SENT | SCHEDULED:
        return None  # still being made: never shown
    posts = record.get("posts")
    if not isinstance(posts, list) or not all(isinstance(p, str) and p.strip() for p in posts):
        return "posts"
    issue = issue_of(record)
    if issue is None:
        return "issue" if "issue" in record else "title"
    subject = record.get("subject") or record.get("title")
    if not isinstance(subject, str) or not subject.strip():
        return "subject"
    when = parse_time(record.get("send_at"))
    if when is None and "send_at" in record:
        return "send_at"
    if when is None:
        at = parse_time(record.get("at"))
        if at is None:
            return "send_at"
        scheduled_for = send_day_of(issue, conf) if state in SCHEDULED else None
        when = scheduled_for if scheduled_for and scheduled_for >= at else at
    return issue, subject.strip(), when, state, [p.strip() for p in posts]


def issues(data, conf, now, ledger_path, warn):
    """The issues that reached subscribers by ``now``, newest first. Both email channels may
    record one week (a move from Mailchimp to Buttondown): one issue, its posts the union, in
    the order of the configured channel first. A record with a missing or wrong field is
    skipped, with one ``warn`` line for it."""
    if not data:
        return []
    channels = data.get("channels") or {}
    order = [c for c in conf["channels"] if c in EMAIL_CHANNELS] + [
        c for c in EMAIL_CHANNELS if c not in conf["channels"]
    ]
    found = {}
    for name in order:
        channel = channels.get(name)
        records = channel.get("campaigns") if isinstance(channel, dict) else None
        if not isinstance(records, dict):
            continue
        done = []
        for cid, record in records.items():
            got = campaign(record, conf)
            if got is None:
                continue
            if isinstance(got, str):
                warn(
                    "%s: %s campaign %s has no usable %r; it is left out of the newsletter archive",
                    ledger_path,
                    name,
                    cid,
                    got,
                )
                continue
            issue, subject, when, state, posts = got
            if state in SENT or (state in SCHEDULED and when <= now):
                done.append((when, issue, subject, posts))
        for when, issue, subject, posts in sorted(done):
            if issue not in found:
                found[issue] = Issue(issue, subject, when, list(posts))
                continue
            known = found[issue]
            known.date = min(known.date, when)
            known.posts += [p for p in posts if p not in known.posts]
    for known in found.values():
        known.posts = list(dict.fromkeys(known.posts))
    return sorted(found.values(), key=lambda i: (i.date, i.issue), reverse=True)
