"""``invoke newsletter``: announce new blog posts in a Mailchimp campaign and on X, each exactly once.

A dry run (the default) contacts nothing and changes nothing; ``--send`` does the work under
the ledger's lock. See campaign.py and x_posts.py for the order of steps that makes a killed
or failed run safe to repeat.
"""

import datetime
import logging
import os
import re
import sys
import traceback

from . import feed, settings
from .campaign import announce_mailchimp, campaign_settings, email_parts, next_send_time, send_test
from .credentials import Credentials
from .errors import NewsletterError, ScrubFilter, scrub
from .ledger import Ledger, locked
from .mailchimp import Mailchimp
from .retry import Retry
from .x import X, weighted_length
from .x_posts import announce_x, x_text

logger = logging.getLogger(__name__)
say = logger.info


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
    try:
        site = read_settings(conf_path)
    except Exception as exc:  # a broken settings file: say where, not a traceback
        frames = [f.lineno for f in traceback.extract_tb(exc.__traceback__)
                  if os.path.abspath(f.filename) == os.path.abspath(conf_path)]
        line = exc.lineno if isinstance(exc, SyntaxError) else (frames[-1] if frames else 1)
        raise NewsletterError(f"{conf_path}:{line}: {exc.__class__.__name__}: {exc}") from None
    try:
        conf = settings.load(site)
    except NewsletterError as exc:
        with open(conf_path, encoding="utf-8") as f:
            line = next((n for n, text in enumerate(f, 1) if re.match(r"NEWSLETTER\s*=", text)), 1)
        raise NewsletterError("\n".join(f"{conf_path}:{line}: {problem}" for problem in str(exc).splitlines())) from None
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
    if ledger_path.startswith(os.getcwd() + os.sep):
        ledger_path = os.path.relpath(ledger_path)  # shorter in messages; the lock works the same
    now = clock()
    if not (send or emails or backfill):
        return dry_run(conf, site, posts, ledger_path, channels, creds, now)
    retry = Retry(conf["retries"], conf["backoff"], conf["max_wait"])
    with locked(ledger_path, conf["lock_wait"], say):
        ledger = Ledger(ledger_path)
        if backfill or not ledger.existed:
            chosen = posts
            if isinstance(backfill, str):  # --backfill=URL[,URL]: only these posts
                urls = [u.strip() for u in backfill.split(",") if u.strip()]
                unknown = [u for u in urls if u not in {p.url for p in posts}]
                if unknown:
                    raise NewsletterError(f"--backfill: not in the feed: {', '.join(unknown)} "
                                          "(give the post's full URL, as the feed lists it)")
                chosen = [p for p in posts if p.url in urls]
            for channel in channels if backfill else settings.CHANNELS:
                for post in chosen:
                    if post.url not in ledger.announced(channel):
                        ledger.mark(channel, post.url, "backfill" if backfill else "first run")
            ledger.save()
            if backfill:
                say("Backfill: marked %d post(s) as announced on %s; nothing sent.", len(chosen),
                    " and ".join(channels))
            else:
                say("First run: recorded the %d posts already published as announced, so the archive is not "
                    "mailed or posted. Posts published from now on go out. Ledger: %s", len(posts), ledger_path)
            return 0
        if emails:
            creds.require("mailchimp")
            send_test(mailchimp_client(creds, conf, retry), ledger, posts, conf, site, now, emails)
            return 0
        missing = []
        for channel in channels:
            try:
                creds.require(channel)
            except NewsletterError as exc:
                missing.append(str(exc))
        if missing:
            raise NewsletterError("\n".join(missing))
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
