"""``invoke newsletter``: announce new blog posts in a Mailchimp campaign and on X, each exactly once.

The order of steps is what makes a killed or failed run safe to repeat: every remote
change is looked up before it is made, and the ledger is written right after each one.
"""

import datetime
import logging
import os
import re
import signal
import sys

from . import feed, settings
from .credentials import Credentials
from .email_body import render
from .errors import NewsletterError, ScrubFilter, scrub
from .ledger import Ledger, locked, now_iso
from .mailchimp import DONE, UNSENT, Mailchimp, Uncertain
from .retry import Retry
from .x import X, Duplicate, compose, hashtag, weighted_length

logger = logging.getLogger(__name__)
WEEKDAYS = settings.WEEKDAYS


def checkpoint(name):
    """Test hook: NEWSLETTER_TEST_KILL_AT=<name> kills this process here (inert unless set)."""
    if os.environ.get("NEWSLETTER_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def say(message, *args):
    logger.info(message, *args)


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


def x_text(conf, post, default_category):
    tags = list(conf["hashtags"])
    if conf["hashtags_from_tags"]:
        tags += [hashtag(t) for t in post.tags if t.lower() != default_category.lower()]
    return compose(post.title, post.url, tags)


# --- Mailchimp ---------------------------------------------------------------
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
    for campaign in mc.find_campaigns(conf["campaign_title"] + " ", now - datetime.timedelta(days=90)):
        cid, status = campaign["id"], campaign.get("status")
        if cid in channel["campaigns"]:
            continue
        if status in UNSENT:
            resumable.append(cid)
        elif status in DONE:
            html = mc.content(cid).get("html", "")
            record = {"title": campaign["settings"].get("title"), "at": now_iso(),
                      "posts": [p.url for p in posts if p.url in html], "state": status}
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
    unsent = [c["id"] for c in mc.find_campaigns(conf["campaign_title"] + " ", now - datetime.timedelta(days=90))
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


# --- X -----------------------------------------------------------------------
def announce_x(client, ledger, posts, conf, site):
    channel = ledger.channel("x")
    announced = ledger.announced("x")
    pending = [p for p in posts if p.url not in announced]  # oldest first
    if not pending:
        say("X: no new posts; nothing to post.")
        return
    client.check()
    for number, post in enumerate(pending, 1):
        earlier = channel["attempts"].get(post.url)
        # Re-use an earlier attempt's text: if that attempt landed, X calls this one a duplicate.
        text = earlier["text"] if earlier else x_text(conf, post, site.get("DEFAULT_CATEGORY", ""))
        channel["attempts"][post.url] = {"text": text, "at": now_iso()}
        ledger.save()
        try:
            post_id = client.post(text)
            how = "posted"
        except Duplicate as exc:
            if not (earlier or exc.after_retry):
                raise NewsletterError(
                    f"x: X says the post for {post.url} was already posted, but not by this tool. If someone "
                    "posted it by hand, record it with `invoke newsletter --backfill --channel x`; "
                    "otherwise change the post's title.") from None
            post_id, how = None, "posted (an earlier attempt had landed)"
        checkpoint(f"x:posted:{number}")
        ledger.mark("x", post.url, how, post_id=post_id)
        del channel["attempts"][post.url]
        ledger.save()
        say("X: %s %s (%d/280)", how, post.url, weighted_length(text))
        checkpoint(f"x:recorded:{number}")


# --- The command -------------------------------------------------------------
def dry_run(conf, site, posts, ledger_path, channels, creds, now):
    ledger = Ledger(ledger_path)
    say("Dry run: nothing contacted, ledger unchanged (use --send to do it).")
    say("Feed: %s (%d posts). Ledger: %s%s.", feed.location(conf, site["OUTPUT_PATH"]), len(posts), ledger_path,
        "" if ledger.existed else " (does not exist yet)")
    for name in ("MAILCHIMP_API_KEY", "MAILCHIMP_LIST_ID", "X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN",
                 "X_ACCESS_TOKEN_SECRET"):
        say("  %s: %s", name, "<hidden>" if creds[name] else "not set")
    if not ledger.existed:
        say("First run: --send would record all %d posts as already announced and send nothing; "
            "posts published after that go out.", len(posts))
    pending = {c: [p for p in posts if p.url not in ledger.announced(c)] if ledger.existed else []
               for c in settings.CHANNELS}
    shown = list(reversed(pending["mailchimp"])) or list(reversed(posts))[:3]
    when = next_send_time(conf, now)
    if shown:
        campaign = campaign_settings(conf, shown, when)
        html, text = email_parts(conf, site, shown, campaign)
        folder = os.path.join(site["OUTPUT_PATH"], conf["preview_dir"])
        os.makedirs(folder, exist_ok=True)
        for name, body in (("preview.html", html), ("preview.txt", text)):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(body)
        say("Preview: %s (and preview.txt)%s", os.path.join(folder, "preview.html"),
            "" if pending["mailchimp"] else " shows the latest posts, to check the look")
    if "mailchimp" in channels:
        if pending["mailchimp"]:
            say("Mailchimp: would create campaign %r, scheduled for %s (or sent at once with --now):",
                campaign["title"], when.strftime("%A %Y-%m-%d %H:%M UTC"))
            say("  subject: %s", campaign["subject_line"])
            say("  from: %s, reply-to %s", campaign["from_name"], campaign["reply_to"])
            for post in pending["mailchimp"][::-1]:
                say("  - %s <%s>", post.title, post.url)
        else:
            say("Mailchimp: nothing new to send.")
    if "x" in channels:
        if pending["x"]:
            say("X: would post %d:", len(pending["x"]))
            for post in pending["x"]:
                text = x_text(conf, post, site.get("DEFAULT_CATEGORY", ""))
                say("  [%d/280] %s", weighted_length(text), text)
        else:
            say("X: nothing new to post.")
    return 0


def execute(conf_path, send, now_flag, test_to, backfill, only, creds, clock):
    from pelican.settings import read_settings  # noqa: PLC0415

    if not os.path.exists(conf_path):
        raise NewsletterError(f"{conf_path}: no such settings file")
    site = read_settings(conf_path)
    conf = settings.load(site)
    if not re.match(r"https?://", site.get("SITEURL") or ""):
        raise NewsletterError(f"{conf_path}: SITEURL must be absolute (https://...): use publishconf.py")
    channels = [c for c in conf["channels"] if not only or c == only]
    if only and only not in settings.CHANNELS:
        raise NewsletterError(f"--channel must be one of {', '.join(settings.CHANNELS)}, not {only!r}")
    emails = [e.strip() for e in test_to.split(",") if e.strip()]
    bad = [e for e in emails if not re.fullmatch(r"[^@\s,]+@[^@\s,]+\.[^@\s,]+", e)]
    if bad:
        raise NewsletterError(f"--test-to: not an email address: {', '.join(bad)}")
    posts = feed.read(feed.location(conf, site["OUTPUT_PATH"]), conf["timeout"])
    ledger_path = os.path.abspath(conf["ledger"])
    now = clock()
    if not (send or emails or backfill):
        return dry_run(conf, site, posts, ledger_path, channels, creds, now)
    retry = Retry(conf["retries"], conf["backoff"], conf["max_wait"])
    with locked(ledger_path, conf["lock_wait"], say):
        ledger = Ledger(ledger_path)
        if backfill or not ledger.existed:
            for channel in channels if backfill else settings.CHANNELS:
                for post in posts:
                    if post.url not in ledger.announced(channel):
                        ledger.mark(channel, post.url, "backfill" if backfill else "first run")
            ledger.save()
            if backfill:
                say("Backfill: marked all %d posts of the feed as announced on %s; nothing sent.",
                    len(posts), " and ".join(channels))
            else:
                say("First run: recorded the %d posts already published as announced, so the archive is not "
                    "mailed or posted. Posts published from now on go out. Ledger: %s", len(posts), ledger_path)
            return 0
        if emails:
            creds.require("mailchimp")
            send_test(mailchimp_client(creds, conf, retry), ledger, posts, conf, site, now, emails)
            return 0
        for channel in channels:
            creds.require(channel)
        failures = []
        if "mailchimp" in channels:
            try:
                announce_mailchimp(mailchimp_client(creds, conf, retry), ledger, posts, conf, site, now,
                                   now_flag, retry)
            except NewsletterError as exc:
                failures.append(exc)
        if "x" in channels:
            try:
                client = X(creds, retry, conf["timeout"], creds.x_base)
                announce_x(client, ledger, posts, conf, site)
            except NewsletterError as exc:
                failures.append(exc)
        if failures:
            raise NewsletterError("\n".join(str(f) for f in failures))
    return 0


def mailchimp_client(creds, conf, retry):
    return Mailchimp(creds["MAILCHIMP_API_KEY"], creds.mailchimp_server(), creds["MAILCHIMP_LIST_ID"], retry,
                     conf["timeout"], creds.mailchimp_base)


def run(conf="publishconf.py", send=False, now=False, test_to="", backfill=False, channel="", clock=None):
    """Entry point for tasks.py; returns the exit status."""
    creds = Credentials()
    secrets = creds.secrets()
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    # Progress to stdout, warnings and errors to stderr; both scrubbed of every secret value.
    for stream, wanted in ((sys.stdout, lambda r: r.levelno < logging.WARNING),
                           (sys.stderr, lambda r: r.levelno >= logging.WARNING)):
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(wanted)
        handler.addFilter(ScrubFilter(secrets))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("urllib3", "tweepy", "requests_oauthlib", "oauthlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))
    try:
        return execute(conf, send, now, test_to, backfill, channel or None, creds, clock)
    except NewsletterError as exc:
        for line in scrub(exc, secrets).splitlines():
            logger.error("error: %s", line)
        return exc.exit_code
    except Exception:  # an unexpected bug: show where, without secrets
        logger.exception("error: unexpected failure (this is a bug in the newsletter tool)")
        return 1
