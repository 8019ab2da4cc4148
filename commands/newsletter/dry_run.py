"""The dry run: per channel, exactly what ``--send`` would send, with lengths as each service counts them.

It contacts nothing and changes nothing (the ledger is only read); it writes the email preview
under OUTPUT_PATH. Where a value was shortened to fit, it says so and why.
"""

import logging
import os

from . import bluesky_client, buttondown_email, feed, held, mastodon_client, x
from .campaign import UNSUBSCRIBE, campaign_settings, email_parts, next_send_time
from .credentials import NEEDED
from .email_body import archive_url, issue_id, subject
from .ledger import Ledger
from .limits import Buttondown as BD
from .limits import Mailchimp as MC
from .textfit import utf16_units

logger = logging.getLogger(__name__)
say = logger.info
POST_MODULES = {"x": x, "bluesky": bluesky_client, "mastodon": mastodon_client}


def _length(value, limit, measure=utf16_units, unit="characters"):
    return f"[{measure(value)}/{limit} {unit}]"


def dry_run(conf, site, posts, ledger_path, channels, creds, now, send_now):
    ledger = Ledger(ledger_path)
    say("Dry run: nothing contacted, ledger unchanged (use --send to do it).")
    say(
        "Feed: %s (%d posts). Ledger: %s%s.",
        feed.location(conf, site["OUTPUT_PATH"]),
        len(posts),
        ledger_path,
        "" if ledger.existed else " (does not exist yet)",
    )
    say("Channels: %s.", ", ".join(channels) or "none")
    for channel in channels:
        for name in NEEDED[channel]:
            say("  %s: %s", name, creds.shown(name))
    if not ledger.existed:
        say(
            "First run: --send would record all %d posts as already announced and send nothing; "
            "posts published after that go out.",
            len(posts),
        )
    pending = {c: held.split(ledger, c, posts)[0] if ledger.existed else [] for c in channels}
    when = now if send_now else next_send_time(conf, now)
    _preview_files(conf, site, channels, pending, posts, when)
    for channel in channels:
        todo = pending[channel]
        if ledger.existed and not (
            ledger.channel(channel)["announced"] or ledger.channel(channel).get("started")
        ):
            say(
                "%s: first use of this channel: --send would record the %d posts already published and send "
                "nothing.",
                channel,
                len(posts),
            )
        elif channel == "mailchimp":
            _mailchimp(conf, todo, when, send_now)
        elif channel == "buttondown":
            _buttondown(conf, site, todo, when, send_now)
        else:
            _posts(POST_MODULES[channel], conf, site, todo)
    held.report(ledger, channels, log=say)
    return 0


def _preview_files(conf, site, channels, pending, posts, when):
    email = next((c for c in channels if c in ("mailchimp", "buttondown")), "mailchimp")
    shown = list(reversed(pending.get(email) or [])) or list(reversed(posts))[:3]
    if not shown:
        return
    line, _ = subject(conf, shown, MC.SUBJECT_LINE, utf16_units)
    unsubscribe = UNSUBSCRIBE if email == "mailchimp" else buttondown_email.UNSUBSCRIBE
    html, text = email_parts(site, shown, line, conf["preview_text"], issue_id(when), unsubscribe)
    folder = os.path.join(site["OUTPUT_PATH"], conf["preview_dir"])
    os.makedirs(folder, exist_ok=True)
    for name, body in (("preview.html", html), ("preview.txt", text)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(body)
    say(
        "Preview: %s (and preview.txt)%s",
        os.path.join(folder, "preview.html"),
        "" if pending.get(email) else " shows the latest posts, to check the look",
    )


def _mailchimp(conf, todo, when, send_now):
    if not todo:
        say("Mailchimp: nothing new to send.")
        return
    newest_first = list(reversed(todo))
    campaign = campaign_settings(conf, newest_first, when)
    cut = subject(conf, newest_first, MC.SUBJECT_LINE, utf16_units)[1]
    say(
        "Mailchimp: would create campaign %r %s:",
        campaign["title"],
        "and send it at once"
        if send_now
        else f"scheduled for {when.strftime('%A %Y-%m-%d %H:%M UTC')} (or sent at once with --now)",
    )
    say("  title: %s %s", campaign["title"], _length(campaign["title"], MC.TITLE))
    say(
        "  subject: %s %s%s",
        campaign["subject_line"],
        _length(campaign["subject_line"], MC.SUBJECT_LINE),
        f" (newest title shortened to fit {MC.SUBJECT_LINE})" if cut else "",
    )
    say(
        "  preview text: %s %s",
        campaign["preview_text"],
        _length(campaign["preview_text"], MC.PREVIEW_TEXT),
    )
    say(
        "  from: %s %s, reply-to %s",
        campaign["from_name"],
        _length(campaign["from_name"], MC.FROM_NAME),
        campaign["reply_to"],
    )
    for post in newest_first:
        say("  - %s <%s>", post.title, post.url)


def _buttondown(conf, site, todo, when, send_now):
    if not todo:
        say("Buttondown: nothing new to send.")
        return
    newest_first = list(reversed(todo))
    body = buttondown_email.email_body(conf, site, newest_first, when, send_now)
    cut = subject(conf, newest_first, BD.SUBJECT, len)[1]
    say(
        "Buttondown: would create an email %s:",
        "sending at once"
        if send_now
        else f"scheduled for {body['publish_date']} (or sent at once with --now)",
    )
    say(
        "  subject: %s %s%s",
        body["subject"],
        _length(body["subject"], BD.SUBJECT, len),
        f" (newest title shortened to fit {BD.SUBJECT})" if cut else "",
    )
    say(
        "  description: %s %s",
        body["description"],
        _length(body["description"], BD.DESCRIPTION, len),
    )
    say(
        "  canonical URL and 'View this issue in your browser': %s",
        archive_url(site["SITEURL"], body["metadata"]["issue"]),
    )
    for post in newest_first:
        say("  - %s <%s>", post.title, post.url)


def _posts(module, conf, site, todo):
    if not todo:
        say("%s: nothing new to post.", module.LABEL)
        return
    say("%s: would post %d:", module.LABEL, len(todo))
    for post in todo:
        draft = module.draft(conf, post, site)
        say(
            "  [%d/%d %s] %s%s",
            draft["length"],
            draft["limit"],
            module.UNIT,
            draft["text"],
            "".join(f" ({note})" for note in draft["notes"]),
        )
        card = draft.get("record", {}).get("embed", {}).get("external")
        if card:
            say("    link card: %s | %s", card["title"], card["description"])
