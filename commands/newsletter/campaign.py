"""This week's Mailchimp campaign: look first, then create or resume, upload, schedule or send.

A killed or failed run is safe to repeat: campaigns are looked up before one is created, and
the ledger is written right after each change, posts being marked only once the campaign is
scheduled or sent. A post Mailchimp refuses (its title in the subject line, or its URL named in
the refusal) is held back (held.py) and the campaign goes out without it.
"""

import datetime
import logging

import lxml.html

from . import held
from .checkpoint import checkpoint
from .email_body import archive_url, intro, issue_id, render, subject
from .errors import NewsletterError
from .ledger import now_iso
from .limits import Mailchimp as LIMITS
from .mailchimp import DONE, LEDGER_STATE, UNSENT, Uncertain
from .settings import WEEKDAYS
from .textfit import clip, utf16_units

logger = logging.getLogger(__name__)
say = logger.info
UNSUBSCRIBE = "*|UNSUB|*"  # Mailchimp's merge tag for each recipient's unsubscribe link


def next_send_time(conf, now):
    """The next configured weekday and UTC time, at least 15 minutes from ``now``."""
    hour, minute = (int(x) for x in conf["send_time"].split(":"))
    day = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    day += datetime.timedelta(days=(WEEKDAYS.index(conf["send_day"]) - now.weekday()) % 7)
    if day < now + datetime.timedelta(minutes=15):
        day += datetime.timedelta(days=7)
    return day


def campaign_settings(conf, posts, when):
    """The campaign's settings for ``posts`` (newest first), each within Mailchimp's limits."""
    year, week, _ = when.isocalendar()
    line, _ = subject(conf, posts, LIMITS.SUBJECT_LINE, utf16_units)
    return {
        "title": clip(f"{conf['campaign_title']} {year}-W{week:02d}", LIMITS.TITLE, utf16_units),
        "subject_line": line,
        "preview_text": clip(conf["preview_text"], LIMITS.PREVIEW_TEXT, utf16_units),
        "from_name": clip(conf["from_name"], LIMITS.FROM_NAME, utf16_units),
        "reply_to": conf["reply_to"],
    }


def email_parts(site, posts, subject_line, preview_text, issue, unsubscribe=UNSUBSCRIBE):
    context = {
        "sitename": site["SITENAME"],
        "siteurl": site["SITEURL"],
        "subject": subject_line,
        "preview_text": preview_text,
        "intro": intro(posts),
        "unsubscribe": unsubscribe,
        "archive_url": archive_url(site["SITEURL"], issue),
    }
    return render(posts, context, site["THEME"])


def announce_mailchimp(mc, ledger, posts, conf, site, now, send_now, retry):
    """Finish or make this week's campaign; a lost answer sends us back to looking first.

    Returns the messages about posts held back in this run."""
    mc.check_audience()
    attempt = 0
    while True:
        try:
            return _mailchimp_once(mc, ledger, posts, conf, site, now, send_now)
        except Uncertain as exc:
            if not retry.wait(attempt, str(exc)):
                raise NewsletterError(
                    f"{exc}; run the command again: it looks at Mailchimp before acting, "
                    "so it will not send twice"
                ) from None
            attempt += 1


def _mark_campaign(ledger, cid, record, status, send_time=None):
    state = LEDGER_STATE[status]
    for url in record.get("posts", []):
        ledger.mark("mailchimp", url, state, campaign=cid)
    record["state"] = state
    if send_time:
        record["send_at"] = send_time
    ledger.save()


def _look_first(mc, ledger, posts, conf, now):
    """Settle what earlier runs left; returns the ids of this tool's unsent campaigns."""
    channel = ledger.channel("mailchimp")
    resumable = []
    # 1. Campaigns an earlier run recorded but did not see through.
    for cid, record in list(channel["campaigns"].items()):
        if record["state"] in LEDGER_STATE.values():
            continue
        status = mc.status(cid)
        if status in DONE:
            _mark_campaign(ledger, cid, record, status)
            say(
                "Mailchimp: campaign %s (%s) was already %s by an earlier run; recorded its %d post(s).",
                cid,
                record.get("title"),
                LEDGER_STATE[status],
                len(record["posts"]),
            )
        elif status is None:
            del channel["campaigns"][cid]
            ledger.save()
            logger.warning(
                "Mailchimp: campaign %s was deleted in Mailchimp; its posts go into a new one.", cid
            )
        else:
            resumable.append(cid)
    # 2. This tool's campaigns the ledger never heard of (a run killed right after creating one).
    for campaign in mc.find_campaigns(conf["campaign_title"], now - datetime.timedelta(days=90)):
        cid, status = campaign["id"], campaign.get("status")
        if cid in channel["campaigns"]:
            continue
        if status in UNSENT:
            resumable.append(cid)
        elif status in DONE:
            html = mc.content(cid).get("html") or "<p></p>"
            links = set(lxml.html.fromstring(html).xpath("//a/@href"))
            settings = campaign.get("settings", {})
            sent = campaign.get("send_time") or now_iso()
            record = {
                "title": settings.get("title"),
                "subject": settings.get("subject_line", ""),
                "issue": issue_id(datetime.datetime.fromisoformat(sent)),
                "at": now_iso(),
                "posts": [p.url for p in reversed(posts) if p.url in links],
                "state": status,
                "send_at": sent,
            }
            channel["campaigns"][cid] = record
            _mark_campaign(ledger, cid, record, status)
            logger.warning(
                "Mailchimp: campaign %s is %s but was missing from the ledger; recorded its %d post(s).",
                cid,
                LEDGER_STATE[status],
                len(record["posts"]),
            )
    return resumable


def _mailchimp_once(mc, ledger, posts, conf, site, now, send_now):
    channel = ledger.channel("mailchimp")
    resumable = _look_first(mc, ledger, posts, conf, now)
    for other in resumable[1:]:
        logger.warning(
            "Mailchimp: unsent campaign %s is left as a draft; delete it in Mailchimp.", other
        )
    made = resumable[:1]  # the campaign this run fills: an unsent one, or the one it creates
    when = now if send_now else next_send_time(conf, now)
    issue = issue_id(when)

    def send(pending):
        campaign = campaign_settings(conf, pending, when)
        html, text = email_parts(
            site, pending, campaign["subject_line"], campaign["preview_text"], issue
        )
        _upload(mc, channel, ledger, made, campaign, pending, issue, html, text, when)
        cid = made[0]
        if send_now:
            mc.send(cid)
            status = "sent"
        else:
            mc.schedule(cid, when)
            status = "schedule"
        checkpoint("mailchimp:scheduled")
        _mark_campaign(
            ledger, cid, channel["campaigns"][cid], status, when.isoformat(timespec="seconds")
        )
        say(
            "Mailchimp: campaign %s %s with %d post(s): %s",
            cid,
            "sent" if send_now else "scheduled for " + when.strftime("%A %Y-%m-%d %H:%M UTC"),
            len(pending),
            campaign["subject_line"],
        )
        checkpoint("mailchimp:done")

    return held.send_email(ledger, "mailchimp", posts, "Mailchimp", send)


def _upload(mc, channel, ledger, made, campaign, pending, issue, html, text, when):
    """Create (or update) the campaign (its id in ``made``), record it, upload its content.

    A refused upload leaves the id in ``made``: the retry without the refused post reuses the campaign.
    """
    if made:
        cid = made[0]
        mc.update(cid, campaign)
        say("Mailchimp: resuming unsent campaign %s.", cid)
    else:
        cid = mc.create(campaign)
        made.append(cid)
        checkpoint("mailchimp:created")
        say("Mailchimp: created campaign %s (%s).", cid, campaign["title"])
    record = {
        "title": campaign["title"],
        "subject": campaign["subject_line"],
        "issue": issue,
        "at": now_iso(),
        "posts": [p.url for p in pending],
        "state": "created",
        "send_at": when.isoformat(timespec="seconds"),
    }
    channel["campaigns"][cid] = record
    ledger.save()
    checkpoint("mailchimp:recorded")
    mc.set_content(cid, html, text)
    record["state"] = "content"
    ledger.save()
    checkpoint("mailchimp:content")


def send_test(mc, ledger, posts, conf, site, now, emails):
    """Put the pending posts in this week's (unsent) campaign and mail a test of it."""
    mc.check_audience()
    channel = ledger.channel("mailchimp")
    pending = list(reversed(held.split(ledger, "mailchimp", posts)[0])) or list(reversed(posts))[:3]
    when = next_send_time(conf, now)
    campaign = campaign_settings(conf, pending, when)
    issue = issue_id(when)
    html, text = email_parts(
        site, pending, campaign["subject_line"], campaign["preview_text"], issue
    )
    unsent = [
        c["id"]
        for c in mc.find_campaigns(conf["campaign_title"], now - datetime.timedelta(days=90))
        if c.get("status") in UNSENT
    ]
    if unsent:
        cid = unsent[0]
        mc.update(cid, campaign)
    else:
        cid = mc.create(campaign)
    record = channel["campaigns"].setdefault(cid, {"at": now_iso(), "state": "created"})
    record.update(
        title=campaign["title"],
        subject=campaign["subject_line"],
        issue=issue,
        posts=[p.url for p in pending],
        send_at=when.isoformat(timespec="seconds"),
    )
    ledger.save()
    mc.set_content(cid, html, text)
    mc.send_test(cid, emails)
    say(
        "Mailchimp: test email of campaign %s sent to %s (nothing scheduled, nothing marked as sent).",
        cid,
        ", ".join(emails),
    )
