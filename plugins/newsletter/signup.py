"""The sign-up box's form (``NEWSLETTER_SIGNUP`` in templates), and the checks of the two
settings the site itself uses: ``archive`` and ``signup_url``.

The form posts straight to the provider, so it works without JavaScript. The provider is
the email channel the newsletter goes out on: Buttondown when ``channels`` lists it, else
Mailchimp; ``send_day``, which schedules the sends, is the day the box promises.
"""

import logging
import re
import urllib.parse

from commands.newsletter.errors import NewsletterError
from commands.newsletter.settings import DEFAULTS, load

logger = logging.getLogger(__name__)

SITE_KEYS = (
    "archive",
    "signup_url",
    "channels",
)  # what a wrong archive or signup_url falls back on

FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
PROVIDERS = {
    # The form of Mailchimp's embedded sign-up code: https://<dc>.list-manage.com/subscribe/post?u=..&id=..,
    # field EMAIL, and a hidden field named b_<u>_<id> that people leave empty and bots fill in.
    "mailchimp": {
        "email_field": "EMAIL",
        "example": "https://<dc>.list-manage.com/subscribe/post?u=...&id=...",
        "fits": lambda url: (
            (url.hostname or "").endswith(".list-manage.com") and url.path == "/subscribe/post"
        ),
    },
    # https://docs.buttondown.com/building-your-subscriber-base ("Embedding an HTML form"):
    # POST to embed-subscribe/<username>, field email; embed=1 asks for the confirmation page.
    "buttondown": {
        "email_field": "email",
        "example": "https://buttondown.com/api/emails/embed-subscribe/USERNAME",
        "fits": lambda url: (
            url.hostname in ("buttondown.com", "buttondown.email")
            and re.fullmatch(r"/api/emails/embed-subscribe/[\w.-]+/?", url.path) is not None
        ),
        "hidden": [("embed", "1")],
    },
}


def provider(conf):
    return "buttondown" if "buttondown" in conf["channels"] else "mailchimp"


def problems(conf):
    """What is wrong with ``archive`` and ``signup_url``, one line each."""
    found = []
    archive = conf["archive"]
    if (
        not isinstance(archive, str)
        or not FOLDER.fullmatch(archive.strip("/"))
        or ".." in archive.split("/")
    ):
        found.append(f"archive must be a folder name like 'newsletter', not {archive!r}")
    name = provider(conf)
    url = conf["signup_url"]
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme != "https" or not PROVIDERS[name]["fits"](parts):
        because = (
            "channels lists buttondown"
            if name == "buttondown"
            else "the newsletter goes out on Mailchimp"
        )
        found.append(
            f"signup_url must be {name.capitalize()}'s form address, {PROVIDERS[name]['example']} "
            f"({because}), not {url!r}"
        )
    return found


def form(conf):
    """What the sign-up box needs: where and how the form posts, the day it promises, the archive."""
    name = provider(conf)
    spec = PROVIDERS[name]
    return {
        "provider": name,
        "action": conf["signup_url"],
        "email_field": spec["email_field"],
        "hidden": spec.get("hidden", []),
        "bot_field": bot_field(conf["signup_url"]) if name == "mailchimp" else None,
        "cadence": f"every {conf['send_day'].capitalize()}",
        "archive_url": conf["archive"].strip("/") + "/",
    }


def loaded(settings):
    """NEWSLETTER over its defaults; the defaults when it is wrong (``validate_at_start`` reports
    that, and the build stops)."""
    try:
        return load(settings)
    except NewsletterError:
        return load({})


def site_settings(settings):
    """What the build uses: ``loaded``, with the defaults for a wrong ``archive`` or
    ``signup_url`` (reported by ``configure``), so that pages can still be made."""
    conf = loaded(settings)
    return {**conf, **{key: DEFAULTS[key] for key in SITE_KEYS}} if problems(conf) else conf


def configure(pelican):
    """``initialized``: report a wrong ``archive`` or ``signup_url``, and give templates the form."""
    settings = pelican.settings
    for line in problems(loaded(settings)):
        logger.error("newsletter: NEWSLETTER: %s", line)
    if "MAILCHIMP_SUBSCRIBE_URL" in settings:
        logger.error(
            "newsletter: MAILCHIMP_SUBSCRIBE_URL is now NEWSLETTER['signup_url']: move the address there"
        )
    settings["NEWSLETTER_SIGNUP"] = form(site_settings(settings))


def bot_field(subscribe_url):
    """Mailchimp's hidden anti-bot field is named ``b_<u>_<id>`` after the form's list."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(subscribe_url or "").query)
    if "u" in query and "id" in query:
        return f"b_{query['u'][0]}_{query['id'][0]}"
    return None
