"""A narrow client for the Mailchimp Marketing API: the calls a weekly campaign needs.

It wraps the official ``mailchimp-marketing`` client and owns timeouts and retries.
Errors come out as NewsletterError with a message that says what to fix; the API key
never appears in them (the caller also scrubs every message).
"""

import datetime
import email.utils
import logging
import re

import requests

from .errors import NewsletterError
from .held import ServiceRefusal

logger = logging.getLogger(__name__)

DONE = ("schedule", "sending", "sent")  # Mailchimp statuses: the campaign will reach subscribers
UNSENT = ("save", "paused")
# The ledger's words for a campaign that will reach subscribers (docs/newsletter.md, "Ledger format").
LEDGER_STATE = {"schedule": "scheduled", "sending": "sent", "sent": "sent"}


class Rejected(ServiceRefusal):
    """Mailchimp refused the request (a 4xx): repeating it cannot help."""

    def __init__(self, message, status, problem=None):
        super().__init__(message)
        self.status = status
        self.problem = problem or {}

    def fields(self):
        """[(field, message)] from the problem document's "errors" (Mailchimp's validation details)."""
        errors = self.problem.get("errors") or []
        return [(e.get("field", ""), e.get("message", "")) for e in errors if isinstance(e, dict)]

    def said(self):
        detail = self.problem.get("detail") or self.problem.get("title") or ""
        return "; ".join(
            [f"HTTP {self.status} {detail}".strip()] + [f"{f}: {m}" for f, m in self.fields()]
        )


class Uncertain(NewsletterError):
    """A request that changes something got no answer: it may or may not have happened."""


class _HTTPError(Exception):
    def __init__(self, response):
        super().__init__(f"HTTP {response.status_code}")
        self.status = response.status_code
        self.headers = response.headers
        try:
            self.problem = response.json()
        except ValueError:
            self.problem = {"detail": response.text[:200]}


def _retry_after(headers):
    value = headers.get("Retry-After")
    if value is None:
        return None
    if value.strip().isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return (when - datetime.datetime.now(datetime.UTC)).total_seconds()


class Mailchimp:
    def __init__(self, api_key, server, list_id, retry, timeout, base=None):
        import mailchimp_marketing  # noqa: PLC0415

        self.list_id = list_id
        self.retry = retry
        self.client = mailchimp_marketing.Client()
        self.client.set_config({"api_key": api_key, "server": server, "timeout": timeout})
        if base:
            self.client.api_client.host = base
            self.client.api_client.server = (
                ""  # else the client rewrites any "server" inside the base URL
            )
        original = self.client.api_client.request

        def request(*args, **kwargs):
            # The official client drops response headers (Retry-After) and returns some errors
            # silently; raising here keeps both. Its call_api wraps this in ApiClientError(text=exc).
            response = original(*args, **kwargs)
            if response.status_code >= 400:
                raise _HTTPError(response)
            return response

        self.client.api_client.request = request

    def _call(self, what, fn, *args, changes=False, **kwargs):
        from mailchimp_marketing.api_client import ApiClientError  # noqa: PLC0415

        attempt = 0
        while True:
            try:
                return fn(*args, **kwargs)
            except ApiClientError as exc:
                inner = exc.text
            server_says = None
            if isinstance(inner, _HTTPError):
                if inner.status != 429 and inner.status < 500:
                    raise Rejected(
                        self._explain(what, inner), inner.status, inner.problem
                    ) from None
                reason = f"HTTP {inner.status}"
                server_says = _retry_after(inner.headers)
            elif isinstance(inner, requests.RequestException):
                reason = "timeout" if isinstance(inner, requests.Timeout) else "connection lost"
                if changes:
                    # Repeating blindly could create a second campaign: look at Mailchimp first.
                    raise Uncertain(f"mailchimp: {what}: {reason}; it may have happened") from None
            else:
                raise NewsletterError(
                    f"mailchimp: {what}: unexpected answer ({inner.__class__.__name__})"
                ) from None
            if not self.retry.wait(attempt, f"mailchimp: {what}: {reason}", server_says):
                raise NewsletterError(
                    f"mailchimp: {what}: still failing ({reason}) after {attempt + 1} attempts; nothing was "
                    "marked as sent: run the command again later and it will finish the job"
                ) from None
            attempt += 1

    def _explain(self, what, error):
        detail = error.problem.get("detail") or error.problem.get("title") or ""
        fields = [
            f"{e.get('field')}: {e.get('message')}"
            for e in error.problem.get("errors") or []
            if isinstance(e, dict)
        ]
        detail = "; ".join([detail] + fields)
        if error.status == 401:
            fix = "check MAILCHIMP_API_KEY (Mailchimp: Account > Extras > API keys)"
        elif error.status == 403:
            fix = "this API key's account may not do this; check the user's role in Mailchimp"
        elif error.status == 404 and what == "find the audience":
            fix = "check MAILCHIMP_LIST_ID (Audience > Settings > Audience name and defaults > Audience ID)"
        else:
            fix = "fix the settings named above and run again"
        return f"mailchimp: {what}: HTTP {error.status} {detail} -- {fix}"

    # --- The calls ---------------------------------------------------------
    def check_audience(self):
        return self._call(
            "find the audience", self.client.lists.get_list, self.list_id, fields=["id", "name"]
        )

    def find_campaigns(self, title_prefix, since):
        """This tool's campaigns for the audience: titled exactly ``<title_prefix> YYYY-Www``.

        The exact shape keeps a person's draft called, say, "2i2c weekly special" out of reach.
        """
        ours = re.compile(re.escape(title_prefix) + r" \d{4}-W\d{2}")
        found = self._call(
            "list campaigns",
            self.client.campaigns.list,
            list_id=self.list_id,
            count=1000,
            since_create_time=since.isoformat(timespec="seconds"),
            sort_field="create_time",
            sort_dir="DESC",
        )
        return [
            c
            for c in found.get("campaigns", [])
            if ours.fullmatch(c.get("settings", {}).get("title", ""))
        ]

    def status(self, campaign_id):
        """The campaign's status, or None when it no longer exists (deleted by hand)."""
        try:
            return self._call(
                "read campaign", self.client.campaigns.get, campaign_id, fields=["id", "status"]
            )["status"]
        except Rejected as exc:
            if exc.status == 404:
                return None
            raise

    def create(self, settings):
        body = {"type": "regular", "recipients": {"list_id": self.list_id}, "settings": settings}
        return self._call("create campaign", self.client.campaigns.create, body, changes=True)["id"]

    def update(self, campaign_id, settings):
        self._call(
            "update campaign", self.client.campaigns.update, campaign_id, {"settings": settings}
        )

    def set_content(self, campaign_id, html, text):
        self._call(
            "upload content",
            self.client.campaigns.set_content,
            campaign_id,
            {"html": html, "plain_text": text},
        )

    def content(self, campaign_id):
        return self._call("read content", self.client.campaigns.get_content, campaign_id)

    def schedule(self, campaign_id, when):
        stamp = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        self._call(
            "schedule campaign",
            self.client.campaigns.schedule,
            campaign_id,
            {"schedule_time": stamp},
            changes=True,
        )

    def send(self, campaign_id):
        self._call("send campaign", self.client.campaigns.send, campaign_id, changes=True)

    def send_test(self, campaign_id, emails):
        self._call(
            "send test email",
            self.client.campaigns.send_test_email,
            campaign_id,
            {"test_emails": list(emails), "send_type": "html"},
            changes=True,
        )
