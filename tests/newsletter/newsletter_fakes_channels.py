"""Local fakes of Buttondown, a Bluesky PDS and a Mastodon instance: real HTTP on 127.0.0.1.

Each checks every request against the schema written from the service's reference
(tests/newsletter/specs/*.json, which name their sources), keeps state, answers in the
service's own error shape, and takes the same injected faults as the Mailchimp and X fakes.
"""

import base64
import datetime
import hashlib
import html
import itertools
import json
import time

import regex
from newsletter_fakes import FakeService

URL = regex.compile(r"https?://[^\s<>\"]+")


def _now():
    return datetime.datetime.now(datetime.UTC)


class FakeButtondown(FakeService):
    """https://docs.buttondown.com/api-emails-create and its neighbours (see specs/buttondown-subset.json)."""

    prefix = "/v1"
    error_type = "application/json"
    page_size = 20

    def __init__(self, spec_path, api_key):
        super().__init__(spec_path)
        self.api_key = api_key
        self.emails = {}
        self.keys = {}  # X-Idempotency-Key -> the first answer
        self.ids = itertools.count(1)

    def authorized(self, header, method, url):
        return header == f"Token {self.api_key}"

    def error(self, status, detail):
        return {
            "code": {400: "invalid", 401: "unauthorized", 404: "not_found"}.get(status, "error"),
            "detail": detail,
        }

    def invalid(self, problems):
        """FastAPI-style validation errors: 422 with one entry per problem."""
        return (
            422,
            {},
            {
                "detail": [
                    {
                        "type": "value_error",
                        "loc": ["body", *p.split(": ", 1)[0].split(".")],
                        "msg": p.split(": ", 1)[-1],
                    }
                    for p in problems
                ]
            },
        )

    def refusal(self, field, detail):
        return 400, {}, {"code": f"{field}_invalid", "detail": detail}

    def listEmails(self, params, query, body):
        found = sorted(
            self.emails.values(),
            key=lambda e: e["creation_date"],
            reverse=query.get("ordering", "creation_date").startswith("-"),
        )
        start = query.get("creation_date__start")
        if start:
            found = [e for e in found if e["creation_date"][:10] >= start]
        page = int(query.get("page", 1))
        chunk = found[(page - 1) * self.page_size : page * self.page_size]
        more = len(found) > page * self.page_size
        return (
            200,
            {},
            {
                "results": chunk,
                "count": len(found),
                "previous": None,
                "next": f"https://api.buttondown.com/v1/emails?page={page + 1}" if more else None,
            },
        )

    def getEmail(self, params, query, body):
        email = self.emails.get(params["id"])
        return (200, {}, email) if email else (404, {}, self.error(404, "Not found."))

    def createEmail(self, params, query, body):
        key = self.request_headers.get("X-Idempotency-Key")
        if key and key in self.keys:
            return self.keys[key]
        status = body.get("status", "about_to_send")
        if status == "scheduled":
            when = body.get("publish_date")
            if not when or datetime.datetime.fromisoformat(when.replace("Z", "+00:00")) <= _now():
                return (
                    400,
                    {},
                    {
                        "code": "publish_date_invalid",
                        "detail": "A scheduled email needs a publish date in the future.",
                    },
                )
        if status not in ("draft", "scheduled", "about_to_send"):
            return (
                400,
                {},
                {
                    "code": "status_invalid",
                    "detail": f"Cannot create an email with status {status}.",
                },
            )
        eid = f"em_{next(self.ids):026d}"
        email = {
            "id": eid,
            "creation_date": _now().isoformat(),
            "modification_date": _now().isoformat(),
            "subject": body["subject"],
            "body": body.get("body", ""),
            "description": body.get("description", ""),
            "canonical_url": body.get("canonical_url", ""),
            "metadata": body.get("metadata", {}),
            "status": "sent" if status == "about_to_send" else status,
            "publish_date": body.get("publish_date") or _now().isoformat(),
            "absolute_url": "",
            "source": "api",
        }
        self.emails[eid] = email
        answer = (201, {}, email)
        if key:
            self.keys[key] = answer
        return answer


def _jwt(claims):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(claims)}.c2lnbmF0dXJl"


class FakeBluesky(FakeService):
    """A PDS for one account: the XRPC methods of specs/bluesky-subset.json (lexicons named there)."""

    prefix = "/xrpc"
    error_type = "application/json"

    def __init__(self, spec_path, handle, app_password):
        super().__init__(spec_path)
        self.handle, self.app_password = handle, app_password
        self.did = "did:plc:" + hashlib.sha256(handle.encode()).hexdigest()[:24]
        self.token = _jwt(
            {"scope": "com.atproto.appPass", "sub": self.did, "exp": int(time.time()) + 7200}
        )
        self.records = {}  # rkey -> record
        self.sessions = 0

    def authorized(self, header, method, url):
        return (
            url.path.endswith("/com.atproto.server.createSession")
            or header == f"Bearer {self.token}"
        )

    def error(self, status, detail):
        names = {
            400: "InvalidRequest",
            401: "AuthenticationRequired",
            429: "RateLimitExceeded",
            500: "InternalServerError",
            503: "ServiceUnavailable",
        }
        return {"error": names.get(status, "Error"), "message": detail}

    def invalid(self, problems):
        return (
            400,
            {},
            {
                "error": "InvalidRequest",
                "message": "Invalid app.bsky.feed.post record: " + "; ".join(problems),
            },
        )

    def refusal(self, field, detail):
        return (
            400,
            {},
            {
                "error": "InvalidRequest",
                "message": f"Invalid app.bsky.feed.post record: {field}: {detail}",
            },
        )

    def createSession(self, params, query, body):
        if (
            body["identifier"] not in (self.handle, self.did)
            or body["password"] != self.app_password
        ):
            return (
                401,
                {},
                {"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
            )
        self.sessions += 1
        return (
            200,
            {},
            {
                "accessJwt": self.token,
                "refreshJwt": _jwt({"sub": self.did, "exp": int(time.time()) + 86400}),
                "handle": self.handle,
                "did": self.did,
                "active": True,
            },
        )

    def createRecord(self, params, query, body):
        if body["repo"] not in (self.did, self.handle):
            return 400, {}, self.error(400, f"Could not find repo: {body['repo']}")
        rkey = body.get("rkey") or f"3l{len(self.records):011d}"
        if rkey in self.records:
            return (
                400,
                {},
                {"error": "InvalidRequest", "message": f"Record already exists at {rkey}"},
            )
        self.records[rkey] = body["record"]
        return (
            200,
            {},
            {
                "uri": f"at://{self.did}/{body['collection']}/{rkey}",
                "cid": "bafyrei" + rkey,
                "validationStatus": "valid",
            },
        )

    def getRecord(self, params, query, body):
        record = self.records.get(query["rkey"])
        uri = f"at://{self.did}/{query['collection']}/{query['rkey']}"
        if record is None or query["repo"] not in (self.did, self.handle):
            return (
                400,
                {},
                {"error": "RecordNotFound", "message": f"Could not locate record: {uri}"},
            )
        return 200, {}, {"uri": uri, "cid": "bafyrei" + query["rkey"], "value": record}


class FakeMastodon(FakeService):
    """An instance with one account: the methods of specs/mastodon-subset.json."""

    prefix = "/api"
    error_type = "application/json"

    def __init__(self, spec_path, token, max_characters=500):
        super().__init__(spec_path)
        self.token, self.max_characters = token, max_characters
        self.statuses = []
        self.keys = {}  # Idempotency-Key -> status
        self.ids = itertools.count(110000000000000000)

    def authorized(self, header, method, url):
        return header == f"Bearer {self.token}"

    def error(self, status, detail):
        return {"error": detail if status != 401 else "The access token is invalid"}

    def invalid(self, problems):
        if any("characters" in p for p in problems):
            return 422, {}, {"error": "Validation failed: Text character limit of 500 exceeded"}
        return 422, {}, {"error": "Validation failed: " + "; ".join(problems)}

    def refusal(self, field, detail):
        return 422, {}, {"error": f"Validation failed: {detail}"}

    def _account(self):
        return {
            "id": "109",
            "username": "twoeyetoo",
            "acct": "twoeyetoo",
            "display_name": "2i2c",
            "locked": False,
            "bot": False,
            "created_at": "2022-11-01T00:00:00.000Z",
            "note": "",
            "url": "https://hachyderm.io/@2i2c",
            "avatar": "",
            "header": "",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": len(self.statuses),
            "fields": [],
            "emojis": [],
        }

    def verifyCredentials(self, params, query, body):
        return 200, {}, self._account()

    def instance(self, params, query, body):
        return (
            200,
            {},
            {
                "domain": "hachyderm.io",
                "title": "Hachyderm",
                "version": "4.3.0",
                "configuration": {
                    "statuses": {
                        "max_characters": self.max_characters,
                        "max_media_attachments": 4,
                        "characters_reserved_per_url": 23,
                    }
                },
            },
        )

    def accountStatuses(self, params, query, body):
        limit = int(query.get("limit", 20))
        return 200, {}, list(reversed(self.statuses))[:limit]

    def postStatus(self, params, query, body):
        key = self.request_headers.get("Idempotency-Key")
        if key and key in self.keys:
            return 200, {}, self.keys[key]
        text = body["status"]
        if len(regex.findall(r"\X", URL.sub("x" * 23, text))) > self.max_characters:
            return (
                422,
                {},
                {
                    "error": f"Validation failed: Text character limit of {self.max_characters} exceeded"
                },
            )
        linked = URL.sub(
            lambda m: f'<a href="{html.escape(m[0])}">{html.escape(m[0])}</a>',
            html.escape(text, False),
        )
        status = {
            "id": str(next(self.ids)),
            "created_at": _now().isoformat(),
            "content": f"<p>{linked}</p>",
            "visibility": body.get("visibility", "public"),
            "text": text,
            "account": self._account(),
            "uri": "",
            "url": "",
            "media_attachments": [],
            "mentions": [],
            "tags": [],
            "emojis": [],
        }
        self.statuses.append(status)
        if key:
            self.keys[key] = status
        return 200, {}, status
