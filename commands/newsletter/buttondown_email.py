"""This week's Buttondown email: look first, then create it scheduled (or sending now) in one request.

Each email this tool makes carries its issue and post URLs in ``metadata``; before creating one,
a run lists the emails of the last 90 days and records any of its own the ledger does not know
(a run killed right after creating one). The create itself carries an idempotency key made from
the issue and the posts, so repeating it after a lost answer returns the same email. Posts are
marked in the ledger right after Buttondown accepted the email.
"""

import datetime
import hashlib
import logging
import re

from . import held
from .buttondown import LEDGER_STATE
from .campaign import email_parts, next_send_time
from .checkpoint import checkpoint
from .email_body import archive_url, issue_id, subject
from .ledger import now_iso
from .limits import Buttondown as LIMITS
from .textfit import clip

logger = logging.getLogger(__name__)
say = logger.info
UNSUBSCRIBE = (
    "{{ unsubscribe_url }}"  # Buttondown's template tag for each recipient's unsubscribe link
)
EDITOR_MODE = "<!-- buttondown-editor-mode: fancy -->"  # the body is HTML (docs: api-emails-create)


def email_body(conf, site, posts, when, send_now):
    """The request body for ``posts`` (newest first), each field within Buttondown's limits."""
    issue = issue_id(when)
    line, _ = subject(conf, posts, LIMITS.SUBJECT, len)
    preview = clip(conf["preview_text"], LIMITS.DESCRIPTION)
    html, _ = email_parts(site, posts, line, preview, issue, UNSUBSCRIBE)
    inner = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    body = {
        "subject": line,
        "body": EDITOR_MODE + (inner[1] if inner else html),
        "description": preview,
        "canonical_url": clip(archive_url(site["SITEURL"], issue), LIMITS.CANONICAL_URL),
        "metadata": {
            "newsletter": conf["campaign_title"],
            "issue": issue,
            "posts": [p.url for p in posts],
        },
    }
    if send_now:
        body["status"] = "about_to_send"
    else:
        body["status"] = "scheduled"
        body["publish_date"] = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return body


def idempotency_key(body):
    meta = body["metadata"]
    digest = hashlib.sha256(
        "\n".join([meta["issue"], body["status"], *meta["posts"]]).encode()
    ).hexdigest()
    return f"2i2c-newsletter-{meta['issue']}-{digest}"[: LIMITS.IDEMPOTENCY_KEY]


def _record(ledger, email, now):
    """Record one of our emails and mark its posts, if it reaches (or will reach) subscribers."""
    state = LEDGER_STATE.get(email.get("status"))
    if state is None:
        return False
    meta = email.get("metadata") or {}
    ledger.channel("buttondown")["campaigns"][email["id"]] = {
        "title": meta.get("newsletter", ""),
        "subject": email.get("subject", ""),
        "issue": meta.get("issue", ""),
        "posts": list(meta.get("posts", [])),
        "state": state,
        "send_at": email.get("publish_date") or now,
        "at": now_iso(),
    }
    for url in meta.get("posts", []):
        ledger.mark("buttondown", url, state, campaign=email["id"])
    ledger.save()
    return True


def announce_buttondown(bd, ledger, posts, conf, site, now, send_now):
    """Returns the messages about posts held back in this run."""
    channel = ledger.channel("buttondown")
    for email in bd.emails_since((now - datetime.timedelta(days=90)).date()):
        meta = email.get("metadata") or {}
        if meta.get("newsletter") != conf["campaign_title"] or email["id"] in channel["campaigns"]:
            continue
        if _record(ledger, email, now.isoformat(timespec="seconds")):
            logger.warning(
                "Buttondown: email %s is %s but was missing from the ledger; recorded its %d post(s).",
                email["id"],
                email.get("status"),
                len(meta.get("posts", [])),
            )
    when = now if send_now else next_send_time(conf, now)

    def send(pending):
        body = email_body(conf, site, pending, when, send_now)
        email = bd.create(body, idempotency_key(body))
        checkpoint("buttondown:created")
        email.setdefault("metadata", body["metadata"])
        email.setdefault("status", body["status"])
        _record(ledger, email, when.isoformat(timespec="seconds"))
        say(
            "Buttondown: email %s %s with %d post(s): %s",
            email["id"],
            "sending now"
            if send_now
            else "scheduled for " + when.strftime("%A %Y-%m-%d %H:%M UTC"),
            len(pending),
            body["subject"],
        )
        checkpoint("buttondown:done")

    return held.send_email(ledger, "buttondown", posts, "Buttondown", send)
