"""A narrow client for Buttondown's REST API (v1): the calls a weekly email needs, with ``requests``.

It owns the session, timeouts and retries. Creating an email carries an ``X-Idempotency-Key``,
so repeating it after a timeout returns the email the first request made
(https://docs.buttondown.com/api-idempotency-keys). 429 answers say how long to wait
(``Retry-After``, https://docs.buttondown.com/api-rate-limits). Errors come out as
NewsletterError saying what to fix; the API key never appears in them.
"""

import logging

import requests

from .errors import NewsletterError
from .held import ServiceRefusal
from .mailchimp import _retry_after

logger = logging.getLogger(__name__)

PUBLIC_BASE = "https://api.buttondown.com/v1"
# Buttondown's email statuses (https://docs.buttondown.com/api-emails-status) that reach, or will
# reach, subscribers, in the ledger's words.
LEDGER_STATE = {
    "scheduled": "scheduled",
    "about_to_send": "sent",
    "in_flight": "sent",
    "sent": "sent",
    "throttled": "sent",
    "resending": "sent",
}


class Rejected(ServiceRefusal):
    """Buttondown refused the request (a 4xx other than 429): repeating it cannot help."""

    def __init__(self, message, status, body):
        super().__init__(message)
        self.status = status
        self.body = body if isinstance(body, dict) else {}

    def fields(self):
        """[(field, message)]: the 422 validation details, or the 400 error code's field."""
        detail = self.body.get("detail")
        if isinstance(detail, list):
            return [
                (".".join(str(p) for p in d.get("loc", []) if p != "body"), d.get("msg", ""))
                for d in detail
                if isinstance(d, dict)
            ]
        code = self.body.get("code") or ""
        return (
            [(code.removesuffix("_invalid"), str(detail or ""))]
            if code.endswith("_invalid")
            else []
        )

    def said(self):
        detail = self.body.get("detail")
        if isinstance(detail, list):
            detail = "; ".join(f"{f}: {m}" for f, m in self.fields())
        return f"HTTP {self.status} {self.body.get('code') or ''} {detail or ''}".replace(
            "  ", " "
        ).strip()


class Buttondown:
    def __init__(self, api_key, retry, timeout, base=None):
        self.base = (base or PUBLIC_BASE).rstrip("/")
        self.retry = retry
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {api_key}"

    def _call(self, what, method, path, params=None, body=None, key=None):
        headers = {"X-Idempotency-Key": key} if key else {}
        attempt = 0
        while True:
            server_says = None
            try:
                response = self.session.request(
                    method,
                    self.base + path,
                    params=params,
                    json=body,
                    headers=headers,
                    timeout=self.timeout,
                )
            except requests.RequestException as exc:
                # Reads repeat freely; the only write carries an idempotency key.
                reason = "timeout" if isinstance(exc, requests.Timeout) else "connection lost"
            else:
                if response.ok:
                    return response.json() if response.content else None
                if response.status_code != 429 and response.status_code < 500:
                    raise self._rejected(what, response) from None
                reason = f"HTTP {response.status_code}"
                server_says = _retry_after(response.headers)
            if not self.retry.wait(attempt, f"buttondown: {what}: {reason}", server_says):
                raise NewsletterError(
                    f"buttondown: {what}: still failing ({reason}) after {attempt + 1} attempts; nothing was "
                    "marked as sent: run the command again later and it will finish the job"
                ) from None
            attempt += 1

    @staticmethod
    def _rejected(what, response):
        try:
            body = response.json()
        except ValueError:
            body = {"detail": response.text[:200]}
        status = response.status_code
        error = Rejected("", status, body)
        if status == 401:
            fix = "check BUTTONDOWN_API_KEY (Buttondown: Settings > API)"
        elif status == 403:
            fix = "this key's newsletter may not do this (scheduling through the API needs a paid plan)"
        else:
            fix = "fix what the message names and run again"
        error.args = (f"buttondown: {what}: {error.said()} -- {fix}",)
        return error

    # --- The calls ---------------------------------------------------------
    def emails_since(self, day):
        """Every email created on or after ``day`` (a date), newest first, all pages."""
        page, found = 1, []
        while True:
            answer = self._call(
                "list emails",
                "GET",
                "/emails",
                params={
                    "creation_date__start": day.isoformat(),
                    "ordering": "-creation_date",
                    "page": page,
                },
            )
            found += answer.get("results", [])
            if not answer.get("next"):
                return found
            page += 1

    def create(self, body, key):
        return self._call("create email", "POST", "/emails", body=body, key=key)
