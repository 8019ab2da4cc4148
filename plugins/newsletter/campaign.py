"""This week's Mailchimp campaign: look first, then create or resume, upload, schedule or send.

A killed or failed run is safe to repeat: campaigns are looked up before one is created, and
the ledger is written right after each change, posts being marked only once the campaign is
scheduled or sent.
"""

import datetime
import logging

import lxml.html

from .checkpoint import checkpoint
from .email_body import render
from .errors import NewsletterError
from .ledger import now_iso
from .mailchimp import DONE, UNSENT, Uncertain
from .settings import WEEKDAYS

logger = logging.getLogger(__name__)
say = logger.info


def next_send_time(conf, now):
    """The next configured weekday and UTC time, at least 15 minutes from ``now``."""
    hour, minute = (int(x) for x in conf["send_time"].split(":"))
    day = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    day += datetime.timedelta(days=(WEEKDAYS.index(conf["send_day"]) - now.weekday()) % 7)
    if day < now + datetime.timedelta(minutes=15):
        day += datetime.timedelta(days=7)
    return day


def campaign_settings(conf, posts, when):
    year, week, _ = when.isocalendar()
    newest = posts[0].title
    subject = f"{conf['subject']}: {newest}" + (f" and {len(posts) - 1} more" if len(posts) > 1 else "")
    return {
        "title": f"{conf['campaign_title']} {year}-W{week:02d}",
        "subject_line": subject,
        "preview_text": conf["preview_text"],
        "from_name": conf["from_name"],
        "reply_to": conf["reply_to"],
    }


def email_parts(conf, site, posts, campaign):
    intro = ("One new post on the blog since the last newsletter." if len(posts) == 1
             else f"{len(posts)} new posts on the blog since the last newsletter.")
    context = {"sitename": site["SITENAME"], "siteurl": site["SITEURL"], "subject": campaign["subject_line"],
               "preview_text": campaign["preview_text"], "intro": intro}
    return render(posts, context, site["THEME"])


def announce_mailchimp(mc, ledger, posts, conf, site, now, send_now, retry):
    """Finish or make this week's campaign; a lost answer sends us back to looking first."""
    mc.check_audience()
    attempt = 0
    while True:
        try:
            return _mailchimp_once(mc, ledger, posts, conf, site, now, send_now)
        except Uncertain as exc:
            if not retry.wait(attempt, str(exc)):
                raise NewsletterError(f"{exc}; run the command again: it looks at Mailchimp before acting, "
                                      "so it will not send twice") from None
            attempt += 1


def _mark_campaign(ledger, cid, record, status):
    for url in record.get("posts", []):
        ledger.mark("mailchimp", url, status, campaign=cid)
    record["state"] = status
    ledger.save()


def _mailchimp_once(mc, ledger, posts, conf, site, now, send_now):
    channel = ledger.channel("mailchimp")
    resumable = []
    # 1. Campaigns an earlier run recorded but did not see through.
    for cid, record in list(channel["campaigns"].items()):
        if record["state"] in DONE:
            continue
        status = mc.status(cid)
        if status in DONE:
            _mark_campaign(ledger, cid, record, status)
            say("Mailchimp: campaign %s (%s) was already %s by an earlier run; recorded its %d post(s).",
                cid, record.get("title"), "scheduled" if status == "schedule" else "sent", len(record["posts"]))
        elif status is None:
            del channel["campaigns"][cid]
            ledger.save()
            logger.warning("Mailchimp: campaign %s was deleted in Mailchimp; its posts go into a new one.", cid)
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
            record = {"title": campaign["settings"].get("title"), "at": now_iso(),
                      "posts": [p.url for p in posts if p.url in links], "state": status}
            channel["campaigns"][cid] = record
            _mark_campaign(ledger, cid, record, status)
            logger.warning("Mailchimp: campaign %s is %s but was missing from the ledger; recorded its %d post(s).",
                           cid, status, len(record["posts"]))
    announced = ledger.announced("mailchimp")
    pending = [p for p in reversed(posts) if p.url not in announced]  # newest first
    if not pending:
        say("Mailchimp: no new posts since the last newsletter; nothing to send.")
        return
    when = next_send_time(conf, now)
    campaign = campaign_settings(conf, pending, when)
    html, text = email_parts(conf, site, pending, campaign)
    if resumable:
        cid = resumable[0]
        for other in resumable[1:]:
            logger.warning("Mailchimp: unsent campaign %s is left as a draft; delete it in Mailchimp.", other)
        mc.update(cid, campaign)
        say("Mailchimp: resuming unsent campaign %s.", cid)
    else:
        cid = mc.create(campaign)
        checkpoint("mailchimp:created")
        say("Mailchimp: created campaign %s (%s).", cid, campaign["title"])
    record = {"title": campaign["title"], "at": now_iso(), "posts": [p.url for p in pending], "state": "created"}
    channel["campaigns"][cid] = record
    ledger.save()
    checkpoint("mailchimp:recorded")
    mc.set_content(cid, html, text)
    record["state"] = "content"
    ledger.save()
    checkpoint("mailchimp:content")
    if send_now:
        mc.send(cid)
        status = "sent"
    else:
        mc.schedule(cid, when)
        status = "schedule"
    checkpoint("mailchimp:scheduled")
    _mark_campaign(ledger, cid, record, status)
    say("Mailchimp: campaign %s %s with %d post(s): %s", cid,
        "sent" if send_now else "scheduled for " + when.strftime("%A %Y-%m-%d %H:%M UTC"),
        len(pending), campaign["subject_line"])
    checkpoint("mailchimp:done")


def send_test(mc, ledger, posts, conf, site, now, emails):
    """Put the pending posts in this week's (unsent) campaign and mail a test of it."""
    mc.check_audience()
    channel = ledger.channel("mailchimp")
    announced = ledger.announced("mailchimp")
    pending = [p for p in reversed(posts) if p.url not in announced] or list(reversed(posts))[:3]
    when = next_send_time(conf, now)
    campaign = campaign_settings(conf, pending, when)
    html, text = email_parts(conf, site, pending, campaign)
    unsent = [c["id"] for c in mc.find_campaigns(conf["campaign_title"], now - datetime.timedelta(days=90))
              if c.get("status") in UNSENT]
    if unsent:
        cid = unsent[0]
        mc.update(cid, campaign)
    else:
        cid = mc.create(campaign)
    channel["campaigns"].setdefault(cid, {"title": campaign["title"], "at": now_iso(), "state": "created"})
    channel["campaigns"][cid]["posts"] = [p.url for p in pending]
    ledger.save()
    mc.set_content(cid, html, text)
    mc.send_test(cid, emails)
    say("Mailchimp: test email of campaign %s sent to %s (nothing scheduled, nothing marked as sent).",
        cid, ", ".join(emails))
