"""``invoke newsletter``: announce new blog posts by email and on social channels, each exactly once.

A dry run (the default) contacts nothing and changes nothing; ``--send`` does the work under
the ledger's lock. See campaign.py, buttondown_email.py and posts.py for the order of steps
that makes a killed or failed run safe to repeat, and held.py for a post a service refuses.
"""

import datetime
import logging
import os
import re
import sys
import traceback

from . import feed, held, settings
from .campaign import announce_mailchimp, send_test
from .credentials import Credentials
from .dry_run import POST_MODULES, dry_run
from .errors import NewsletterError, ScrubFilter, scrub
from .ledger import Ledger, locked, now_iso
from .mailchimp import Mailchimp
from .posts import announce_posts
from .retry import Retry

logger = logging.getLogger(__name__)
say = logger.info


def execute(conf_path, send, now_flag, test_to, backfill, only, creds, clock, skip=""):
    from pelican.settings import read_settings  # noqa: PLC0415

    if not os.path.exists(conf_path):
        raise NewsletterError(f"{conf_path}: no such settings file")
    try:
        site = read_settings(conf_path)
    except Exception as exc:  # noqa: BLE001 (a broken settings file: say where, not a traceback)
        frames = [
            f.lineno
            for f in traceback.extract_tb(exc.__traceback__)
            if os.path.abspath(f.filename) == os.path.abspath(conf_path)
        ]
        line = exc.lineno if isinstance(exc, SyntaxError) else (frames[-1] if frames else 1)
        raise NewsletterError(f"{conf_path}:{line}: {exc.__class__.__name__}: {exc}") from None
    try:
        conf = settings.load(site)
    except NewsletterError as exc:
        with open(conf_path, encoding="utf-8") as f:
            line = next((n for n, text in enumerate(f, 1) if re.match(r"NEWSLETTER\s*=", text)), 1)
        raise NewsletterError(
            "\n".join(f"{conf_path}:{line}: {problem}" for problem in str(exc).splitlines())
        ) from None
    if not re.match(r"https?://", site.get("SITEURL") or ""):
        raise NewsletterError(
            f"{conf_path}: SITEURL must be absolute (https://...): use publishconf.py"
        )
    if only and only not in settings.CHANNELS:
        raise NewsletterError(
            f"--channel must be one of {', '.join(settings.CHANNELS)}, not {only!r}"
        )
    channels = [only] if only else list(conf["channels"])
    emails = [e.strip() for e in test_to.split(",") if e.strip()]
    bad = [e for e in emails if not re.fullmatch(r"[^@\s,]+@[^@\s,]+\.[^@\s,]+", e)]
    if bad:
        raise NewsletterError(f"--test-to: not an email address: {', '.join(bad)}")
    posts = feed.read(feed.location(conf, site["OUTPUT_PATH"]), conf["timeout"])
    ledger_path = os.path.abspath(conf["ledger"])
    if ledger_path.startswith(os.getcwd() + os.sep):
        ledger_path = os.path.relpath(ledger_path)  # shorter in messages; the lock works the same
    now = clock()
    if skip and not only:
        raise NewsletterError(f"--skip needs --channel NAME: the channel to leave {skip} out of")
    if not (send or emails or backfill or skip):
        return dry_run(conf, site, posts, ledger_path, channels, creds, now, now_flag)
    retry = Retry(conf["retries"], conf["backoff"], conf["max_wait"])
    with locked(ledger_path, conf["lock_wait"], say):
        ledger = Ledger(ledger_path)
        if (skip or isinstance(backfill, str)) and not ledger.existed:
            raise NewsletterError(
                f"{ledger_path}: no ledger yet, so nothing to skip or backfill: the first --send "
                "records every post already published (and sends nothing)"
            )
        if skip:
            return skip_post(ledger, posts, only, skip)
        if backfill or not ledger.existed:
            chosen = posts
            if isinstance(backfill, str):  # --backfill=URL[,URL]: only these posts
                urls = [u.strip() for u in backfill.split(",") if u.strip()]
                unknown = [u for u in urls if u not in {p.url for p in posts}]
                if unknown:
                    raise NewsletterError(
                        f"--backfill: not in the feed: {', '.join(unknown)} "
                        "(give the post's full URL, as the feed lists it)"
                    )
                chosen = [p for p in posts if p.url in urls]
            for channel in channels if backfill else settings.CHANNELS:
                ledger.channel(channel).setdefault("started", now_iso())
                for post in chosen:
                    if post.url not in ledger.announced(channel):
                        ledger.mark(channel, post.url, "backfill" if backfill else "first run")
            ledger.save()
            if backfill:
                say(
                    "Backfill: marked %d post(s) as announced on %s; nothing sent.",
                    len(chosen),
                    " and ".join(channels),
                )
            else:
                say(
                    "First run: recorded the %d posts already published as announced, so the archive is not "
                    "mailed or posted. Posts published from now on go out. Ledger: %s",
                    len(posts),
                    ledger_path,
                )
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
        earlier = {(c, url) for c in channels for url in ledger.channel(c)["held"]}
        for channel in channels:
            if not (ledger.channel(channel)["announced"] or ledger.channel(channel).get("started")):
                first_use(ledger, channel, posts)
                continue
            try:
                failures += announce(
                    channel, creds, conf, retry, ledger, posts, site, now, now_flag
                )
            except NewsletterError as exc:
                failures.append(str(exc))
        # Posts refused by earlier runs and not changed since: said every run until fixed or skipped.
        held.report(ledger, channels, only=earlier)
        if failures:
            raise NewsletterError("\n".join(failures))
    return 0


def announce(channel, creds, conf, retry, ledger, posts, site, now, now_flag):
    """Send what is new on one channel; returns the messages about posts held back this run."""
    if channel == "mailchimp":
        return announce_mailchimp(
            mailchimp_client(creds, conf, retry), ledger, posts, conf, site, now, now_flag, retry
        )
    if channel == "buttondown":
        from .buttondown import Buttondown  # noqa: PLC0415
        from .buttondown_email import announce_buttondown  # noqa: PLC0415

        client = Buttondown(
            creds["BUTTONDOWN_API_KEY"], retry, conf["timeout"], creds.bases["BUTTONDOWN_API_BASE"]
        )
        return announce_buttondown(client, ledger, posts, conf, site, now, now_flag)
    module = POST_MODULES[channel]
    if channel == "x":
        client = module.X(creds, retry, conf["timeout"], creds.x_base)
    elif channel == "bluesky":
        client = module.Bluesky(
            creds["BLUESKY_HANDLE"],
            creds["BLUESKY_APP_PASSWORD"],
            retry,
            conf["timeout"],
            creds.bases["BLUESKY_API_BASE"],
        )
    else:
        client = module.Mastodon(
            creds["MASTODON_ACCESS_TOKEN"], creds["MASTODON_API_BASE"], retry, conf["timeout"], conf
        )
    return announce_posts(module, client, ledger, posts, conf, site)


def first_use(ledger, channel, posts):
    """A channel that never announced anything (new, or added to an older ledger) starts like a first
    run: what is already published is recorded, not sent, so the archive never floods it."""
    for post in posts:
        ledger.mark(channel, post.url, "first run")
    ledger.channel(channel)["started"] = now_iso()
    ledger.save()
    say(
        "%s: first use of this channel: recorded the %d posts already published as announced; posts "
        "published from now on go out.",
        channel,
        len(posts),
    )


def skip_post(ledger, posts, channel, url):
    """--skip URL --channel NAME: leave a post out of one channel for good (recorded in the ledger)."""
    known = {p.url: p for p in posts}
    entry = ledger.channel(channel)["held"].get(url)
    if url not in known and not entry:
        raise NewsletterError(
            f"--skip: not in the feed: {url} (give the post's full URL, as the feed lists it)"
        )
    if url in ledger.announced(channel):
        say("%s: %s is already announced (or skipped); nothing to do.", channel, url)
        return 0
    ledger.mark(channel, url, "skipped", reason=entry and f"{entry['field']}: {entry['said']}")
    ledger.save()
    say("%s: %s will not be sent (recorded as skipped in %s).", channel, url, ledger.path)
    return 0


def mailchimp_client(creds, conf, retry):
    return Mailchimp(
        creds["MAILCHIMP_API_KEY"],
        creds.mailchimp_server(),
        creds["MAILCHIMP_LIST_ID"],
        retry,
        conf["timeout"],
        creds.mailchimp_base,
    )


def run(
    conf="publishconf.py",
    send=False,
    now=False,
    test_to="",
    backfill=False,
    channel="",
    clock=None,
    skip="",
):
    """Entry point for tasks.py; returns the exit status."""
    creds = Credentials()
    secrets = creds.secrets()
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    # Progress to stdout, warnings and errors to stderr; both scrubbed of every secret value.
    for stream, wanted in (
        (sys.stdout, lambda r: r.levelno < logging.WARNING),
        (sys.stderr, lambda r: r.levelno >= logging.WARNING),
    ):
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(wanted)
        handler.addFilter(ScrubFilter(secrets))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in (
        "urllib3",
        "tweepy",
        "requests_oauthlib",
        "oauthlib",
        "httpx",
        "httpcore",
        "atproto",
        "mastodon",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    clock = clock or (lambda: datetime.datetime.now(datetime.UTC))
    try:
        return execute(
            conf, send, now, test_to, backfill, channel or None, creds, clock, skip.strip()
        )
    except NewsletterError as exc:
        for line in scrub(exc, secrets).splitlines():
            logger.error("error: %s", line)
        return exc.exit_code
    except Exception:  # an unexpected bug: show where, without secrets
        logger.exception("error: unexpected failure (this is a bug in the newsletter tool)")
        return 1
