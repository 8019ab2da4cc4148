"""The NEWSLETTER settings dict: defaults in one place, checked before anything runs."""

import logging
import re

from .errors import NewsletterError
from .limits import Mailchimp

logger = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHANNELS = ("mailchimp", "buttondown", "x", "bluesky", "mastodon")
VISIBILITIES = ("public", "unlisted", "private")

DEFAULTS = {
    "feed": "blog/atom.xml",  # a file under OUTPUT_PATH, or the live feed's http(s) URL
    "ledger": "newsletter-state/ledger.json",  # relative to the project root
    "archive": "newsletter",  # the public archive's folder in the site: /newsletter/, /newsletter/2026-w48/
    "signup_url": "https://2i2c.us10.list-manage.com/subscribe/post?u=1a6d6b1d1c2a5d6e8a0b1f6c2&id=1b1e5c1f8a",  # sign-up form
    "preview_dir": "newsletter-preview",  # dry runs write preview.html and .txt here, under OUTPUT_PATH (not the archive)
    "channels": ["mailchimp", "x"],  # 2i2c sets ["buttondown", "x", "bluesky", "mastodon"]
    "campaign_title": "2i2c weekly",  # campaigns are titled "<this> 2026-W48": how runs find their own
    "subject": "2i2c weekly",  # "<this>: <first title> and N more"
    "preview_text": "New on the 2i2c blog",
    "from_name": "2i2c",
    "reply_to": "hello@2i2c.org",
    "send_day": "thursday",  # scheduled campaigns go out on the next such day...
    "send_time": "15:00",  # ...at this UTC time (a quarter hour, as Mailchimp requires)
    "hashtags": [],  # appended to every X and Mastodon post, e.g. ["OpenScience"]
    "hashtags_from_tags": False,  # also turn the post's tags into hashtags
    "mastodon_max_characters": 500,  # used when the instance does not say (and by the dry run)
    "mastodon_visibility": "public",  # public, unlisted or private
    "timeout": 20.0,  # seconds for every HTTP request
    "retries": 5,  # retries after 429, 5xx, timeouts and dropped connections
    "backoff": 2.0,  # first wait in seconds, doubled at each retry, with jitter
    "max_wait": 300.0,  # longest single wait; a longer Retry-After stops the run instead
    "lock_wait": 60.0,  # seconds to wait for a concurrent run to finish before giving up
}


def load(settings):
    """NEWSLETTER from Pelican settings merged over DEFAULTS; raises NewsletterError listing every problem."""
    given = settings.get("NEWSLETTER") or {}
    if not isinstance(given, dict):
        raise NewsletterError("newsletter: NEWSLETTER must be a dict (see docs/newsletter.md)")
    problems = [
        f"unknown key {key!r} (known: {', '.join(DEFAULTS)})"
        for key in given
        if key not in DEFAULTS
    ]
    conf = {**DEFAULTS, **{k: v for k, v in given.items() if k in DEFAULTS}}
    for key in (
        "feed",
        "ledger",
        "preview_dir",
        "campaign_title",
        "subject",
        "preview_text",
        "from_name",
        "reply_to",
    ):
        if not isinstance(conf[key], str) or not conf[key].strip():
            problems.append(f"{key} must be a non-empty string")
    if (
        not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", str(conf["reply_to"]))
        or len(str(conf["reply_to"])) > Mailchimp.REPLY_TO
    ):
        problems.append(
            f"reply_to must be an email address (at most {Mailchimp.REPLY_TO} characters), "
            f"not {conf['reply_to']!r}"
        )
    for key, limit in (
        ("from_name", Mailchimp.FROM_NAME),
        ("preview_text", Mailchimp.PREVIEW_TEXT),
        ("campaign_title", Mailchimp.TITLE - len(" 2026-W48")),
        ("subject", 60),
    ):
        if isinstance(conf[key], str) and len(conf[key]) > limit:
            problems.append(
                f"{key} must be at most {limit} characters (it is {len(conf[key])}): the email "
                "services refuse longer ones, and the subject needs room for the newest title"
            )
    if str(conf["send_day"]).lower() not in WEEKDAYS:
        problems.append(f"send_day must be one of {', '.join(WEEKDAYS)}")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(conf["send_time"]))
    if not match or int(match[1]) > 23 or match[2] not in ("00", "15", "30", "45"):
        problems.append(
            f"send_time must be HH:MM in UTC on a quarter hour (like 15:00), not {conf['send_time']!r}"
        )
    channels = conf["channels"]
    if not isinstance(channels, (list, tuple)) or not set(channels) <= set(CHANNELS):
        problems.append(f"channels must be a list drawn from {list(CHANNELS)}")
    if conf["mastodon_visibility"] not in VISIBILITIES:
        problems.append(f"mastodon_visibility must be one of {', '.join(VISIBILITIES)}")
    chars = conf["mastodon_max_characters"]
    if not isinstance(chars, int) or isinstance(chars, bool) or chars < 100:
        problems.append("mastodon_max_characters must be a whole number >= 100")
    hashtags = conf["hashtags"]
    if not isinstance(hashtags, (list, tuple)) or not all(
        isinstance(h, str) and h.strip("#") for h in hashtags
    ):
        problems.append("hashtags must be a list of words, like ['OpenScience']")
    for key in ("timeout", "backoff", "max_wait", "lock_wait"):
        if not isinstance(conf[key], (int, float)) or isinstance(conf[key], bool) or conf[key] < 0:
            problems.append(f"{key} must be a number of seconds >= 0")
    if (
        not isinstance(conf["retries"], int)
        or isinstance(conf["retries"], bool)
        or conf["retries"] < 0
    ):
        problems.append("retries must be a whole number >= 0")
    if problems:
        raise NewsletterError("\n".join(f"newsletter: NEWSLETTER: {p}" for p in problems))
    conf["send_day"] = conf["send_day"].lower()
    conf["hashtags"] = [h.lstrip("#") for h in hashtags]
    return conf


def validate_at_start(pelican):
    """At ``initialized``: a bad NEWSLETTER stops the build (build_guard collects the error)."""
    try:
        load(pelican.settings)
    except NewsletterError as exc:
        for line in str(exc).splitlines():
            logger.error("%s", line)
