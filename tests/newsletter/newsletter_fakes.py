"""Local fakes of the Mailchimp Marketing API and the X API v2 for tests: real HTTP on 127.0.0.1.

Each keeps state, checks every request against the OpenAPI subset in ../shared/specs (and, for
X, the OAuth 1.0a signature of the public URL) and answers the way the real service does
(problem+json for Mailchimp). Faults can be queued: an error status, a slow answer, or a dropped
connection, before or after the request took effect.
"""

import base64
import datetime
import hashlib
import hmac
import itertools
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from newsletter_spec import Spec, form_value
from oauthlib.oauth1.rfc5849 import signature as oauth
from oauthlib.oauth1.rfc5849 import utils


def _readable(body):
    """The request body as text (JSON or a form, decoded), for matching faults against."""
    try:
        return json.dumps(json.loads(body), ensure_ascii=False)
    except ValueError:
        return json.dumps(form_value(body), ensure_ascii=False)


class Fault:
    """A fault to inject: "status" (an error answer), "slow", "drop", or "refuse" (the service's own
    refusal of ``field``, as for content it will never accept); ``body_contains`` limits it to
    requests whose body holds that text."""

    def __init__(
        self,
        method,
        path_part,
        kind,
        times=1,
        status=500,
        headers=None,
        delay=0.0,
        after=False,
        body_contains=None,
        field=None,
        detail="injected",
    ):
        self.method, self.path_part, self.kind = method, path_part, kind
        self.times, self.status, self.headers, self.delay, self.after = (
            times,
            status,
            headers or {},
            delay,
            after,
        )
        self.body_contains, self.field, self.detail = body_contains, field, detail

    def matches(self, method, path, text=""):
        return (
            self.times > 0
            and method == self.method
            and self.path_part in path
            and (self.body_contains is None or self.body_contains in text)
        )


class _Drop(Exception):
    pass


class FakeService:
    prefix = ""

    def __init__(self, spec_path, overlay=None):
        self.spec = Spec(spec_path, overlay)
        self.lock = threading.RLock()
        self.faults = []
        self.log = []  # (time, method, path, status), when answered
        self.received = []  # (method, path), on arrival
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                service._serve(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def fault(self, *args, **kwargs):
        self.faults.append(Fault(*args, **kwargs))

    def calls(self, method=None, part=""):
        return [
            entry
            for entry in self.log
            if (method is None or entry[1] == method) and part in entry[2]
        ]

    def _serve(self, handler):
        url = urlsplit(handler.path)
        path = url.path[len(self.prefix) :] if url.path.startswith(self.prefix) else "/-" + url.path
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        method = handler.command
        text = _readable(body)
        with self.lock:
            self.received.append((method, path))
            fault = next((f for f in self.faults if f.matches(method, path, text)), None)
            if fault:
                fault.times -= 1
        try:
            if fault and not fault.after:
                self._before(fault)
                if fault.kind == "status":
                    status, headers, payload = (
                        fault.status,
                        dict(fault.headers),
                        self.error(fault.status, "injected"),
                    )
                    return self._write(handler, method, path, status, headers, payload)
                if fault.kind == "refuse":
                    status, headers, payload = self.refusal(fault.field, fault.detail)
                    return self._write(handler, method, path, status, headers, payload)
            status, headers, payload = self.respond(handler, method, path, url, body)
            if fault and fault.after:
                self._before(fault)
            self._write(handler, method, path, status, headers, payload)
        except _Drop:
            with self.lock:
                self.log.append((time.monotonic(), method, path, "dropped"))
            handler.close_connection = True

    def _before(self, fault):
        if fault.kind == "slow":
            time.sleep(fault.delay)
        elif fault.kind == "drop":
            raise _Drop()

    def _write(self, handler, method, path, status, headers, payload):
        with self.lock:
            self.log.append((time.monotonic(), method, path, status))
        data = b"" if payload is None else json.dumps(payload).encode()
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            if data:
                handler.send_header(
                    "Content-Type", self.error_type if status >= 400 else "application/json"
                )
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout): what happened on our side stays

    def respond(self, handler, method, path, url, body):
        if not self.authorized(handler.headers.get("Authorization", ""), method, url):
            return 401, {}, self.error(401, "unauthorized")
        query = parse_qs(url.query)
        content_type = handler.headers.get("Content-Type") or "application/json"
        operation, params, problems = self.spec.check(
            method, path, query, body, content_type, handler.headers
        )
        if operation is None:
            return (
                (405 if problems and "not allowed" in problems[0] else 404),
                {},
                self.error(404, problems[0]),
            )
        if problems:
            return self.invalid(problems)
        if content_type.startswith("application/x-www-form-urlencoded"):
            value = form_value(body)
        else:
            value = json.loads(body) if body and body.strip() != b"null" else None
        with self.lock:
            self.request_headers = handler.headers
            return getattr(self, operation)(params, {k: v[-1] for k, v in query.items()}, value)

    def invalid(self, problems):
        """The answer to a request the spec refuses (each service words it its own way)."""
        return 400, {}, self.error(400, "; ".join(problems))

    def refusal(self, field, detail):
        return 400, {}, self.error(400, f"{field}: {detail}")


class FakeMailchimp(FakeService):
    prefix = "/3.0"
    error_type = "application/problem+json"

    def __init__(self, spec_path, api_key, list_id, overlay=None):
        super().__init__(spec_path, overlay)
        self.api_key, self.list_id = api_key, list_id
        self.campaigns = {}
        self.tests = []  # (campaign id, emails)
        self.ids = itertools.count(1)

    def authorized(self, header, method, url):
        if not header.startswith("Basic "):
            return False
        user, _, key = base64.b64decode(header[6:]).decode().partition(":")
        return key == self.api_key

    def error(self, status, detail):
        titles = {
            400: "Invalid Resource",
            401: "API Key Invalid",
            404: "Resource Not Found",
            405: "Method Not Allowed",
            429: "Too Many Requests",
            500: "Internal Server Error",
            503: "Service Unavailable",
        }
        return {
            "type": "https://mailchimp.com/developer/marketing/docs/errors/",
            "title": titles.get(status, "Error"),
            "status": status,
            "detail": detail,
            "instance": str(uuid.uuid4()),
        }

    def invalid(self, problems):
        """Mailchimp's validation answer: a problem document with one entry per field."""
        payload = self.error(
            400,
            "The resource submitted could not be validated. For field-specific details, "
            "see the 'errors' array.",
        )
        payload["errors"] = [
            {"field": p.split(": ", 1)[0], "message": p.split(": ", 1)[-1]} for p in problems
        ]
        return 400, {}, payload

    def refusal(self, field, detail):
        return self.invalid([f"{field}: {detail}"])

    def _campaign(self, params):
        campaign = self.campaigns.get(params["campaign_id"])
        if campaign is None:
            return None, (404, {}, self.error(404, "The requested resource could not be found."))
        return campaign, None

    @staticmethod
    def _public(campaign):
        return {k: v for k, v in campaign.items() if k != "content"}

    def getPing(self, params, query, body):
        return 200, {}, {"health_status": "Everything's Chimpy!"}

    def getListsId(self, params, query, body):
        if params["list_id"] != self.list_id:
            return 404, {}, self.error(404, "The requested resource could not be found.")
        return 200, {}, {"id": self.list_id, "name": "Test audience"}

    def getCampaigns(self, params, query, body):
        found = [
            c
            for c in self.campaigns.values()
            if query.get("list_id", c["recipients"]["list_id"]) == c["recipients"]["list_id"]
            and query.get("status", c["status"]) == c["status"]
        ]
        since = query.get("since_create_time")
        if since:
            found = [
                c
                for c in found
                if c["create_time"] >= datetime.datetime.fromisoformat(since).isoformat()
            ]
        found.sort(key=lambda c: c["create_time"], reverse=query.get("sort_dir") == "DESC")
        count = int(query.get("count", 10))
        offset = int(query.get("offset", 0))
        return (
            200,
            {},
            {
                "campaigns": [self._public(c) for c in found[offset : offset + count]],
                "total_items": len(found),
            },
        )

    def postCampaigns(self, params, query, body):
        if body["recipients"]["list_id"] != self.list_id:
            return (
                400,
                {},
                self.error(
                    400, "The resource submitted could not be validated: recipients.list_id"
                ),
            )
        cid = f"c{next(self.ids):04d}"
        now = datetime.datetime.now(datetime.UTC)
        self.campaigns[cid] = {
            "id": cid,
            "type": body["type"],
            "status": "save",
            "create_time": now.isoformat(),
            "recipients": body["recipients"],
            "settings": body.get("settings", {}),
            "content": {},
            "send_time": "",
        }
        return 200, {}, self._public(self.campaigns[cid])

    def getCampaignsId(self, params, query, body):
        campaign, error = self._campaign(params)
        return error or (200, {}, self._public(campaign))

    def patchCampaignsId(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        if campaign["status"] not in ("save", "paused"):
            return 400, {}, self.error(400, "Cannot update a campaign that is scheduled or sent.")
        campaign["settings"].update(body.get("settings", {}))
        return 200, {}, self._public(campaign)

    def deleteCampaignsId(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        del self.campaigns[campaign["id"]]
        return 204, {}, None

    def getCampaignsIdContent(self, params, query, body):
        campaign, error = self._campaign(params)
        return error or (200, {}, dict(campaign["content"]))

    def putCampaignsIdContent(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        if campaign["status"] not in ("save", "paused"):
            return (
                400,
                {},
                self.error(400, "Cannot change the content of a scheduled or sent campaign."),
            )
        campaign["content"] = {
            "html": body.get("html", ""),
            "plain_text": body.get("plain_text", ""),
        }
        return 200, {}, dict(campaign["content"])

    def _not_ready(self, campaign):
        settings = campaign["settings"]
        missing = [k for k in ("subject_line", "from_name", "reply_to") if not settings.get(k)]
        if campaign["status"] not in ("save", "paused"):
            return f"This campaign cannot be sent or scheduled: its status is {campaign['status']}."
        if missing or not campaign["content"].get("html"):
            return "Your Campaign is not ready to send: " + ", ".join(missing or ["content"])
        return None

    def postCampaignsIdActionsSchedule(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        problem = self._not_ready(campaign)
        when = datetime.datetime.fromisoformat(body["schedule_time"].replace("Z", "+00:00"))
        if not problem and (
            when.minute % 15
            or when.second
            or when.tzinfo is None
            or when <= datetime.datetime.now(datetime.UTC)
        ):
            problem = "Schedule time must be in the future and on the quarter-hour (:00, :15, :30, :45), in UTC."
        if problem:
            return 400, {}, self.error(400, problem)
        campaign["status"], campaign["send_time"] = "schedule", when.isoformat()
        return 204, {}, None

    def postCampaignsIdActionsSend(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        problem = self._not_ready(campaign)
        if problem:
            return 400, {}, self.error(400, problem)
        campaign["status"] = "sent"
        campaign["send_time"] = datetime.datetime.now(datetime.UTC).isoformat()
        return 204, {}, None

    def postCampaignsIdActionsTest(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        if not campaign["content"].get("html"):
            return 400, {}, self.error(400, "Your Campaign is not ready to send: content")
        self.tests.append((campaign["id"], list(body["test_emails"])))
        return 204, {}, None

    def getCampaignsIdSendChecklist(self, params, query, body):
        campaign, error = self._campaign(params)
        if error:
            return error
        problem = self._not_ready(campaign)
        return 200, {}, {"is_ready": problem is None, "items": []}


class FakeX(FakeService):
    error_type = "application/problem+json"
    public_host = "https://api.twitter.com"  # what clients sign, wherever they connect

    def __init__(
        self, spec_path, consumer_key, consumer_secret, access_token, token_secret, overlay=None
    ):
        super().__init__(spec_path, overlay)
        self.keys = (consumer_key, consumer_secret, access_token, token_secret)
        self.posts = []
        self.ids = itertools.count(1000)

    def authorized(self, header, method, url):
        """OAuth 1.0a: the right key and token, and an HMAC-SHA1 signature of the public URL."""
        if not header.startswith("OAuth "):
            return False
        consumer_key, consumer_secret, access_token, token_secret = self.keys
        fields = {k: utils.unescape(v) for k, v in utils.parse_authorization_header(header)}
        if (
            fields.get("oauth_consumer_key") != consumer_key
            or fields.get("oauth_token") != access_token
        ):
            return False
        params = oauth.collect_parameters(uri_query=url.query, headers={"Authorization": header})
        base = oauth.signature_base_string(
            method,
            oauth.base_string_uri(self.public_host + url.path),
            oauth.normalize_parameters(params),
        )
        key = f"{utils.escape(consumer_secret)}&{utils.escape(token_secret)}"
        expected = base64.b64encode(
            hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
        ).decode()
        return hmac.compare_digest(expected, fields.get("oauth_signature", ""))

    def error(self, status, detail):
        titles = {
            400: "Invalid Request",
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not Found",
            429: "Too Many Requests",
            500: "Internal Server Error",
            503: "Service Unavailable",
        }
        kind = (
            "https://api.twitter.com/2/problems/invalid-request" if status == 400 else "about:blank"
        )
        return {
            "title": titles.get(status, "Error"),
            "type": kind,
            "status": status,
            "detail": detail,
        }

    def invalid(self, problems):
        if any("weighted characters" in p for p in problems):
            return 400, {}, self.error(400, "Your Tweet text is too long.")
        return super().invalid(problems)

    def getUsersMe(self, params, query, body):
        return 200, {}, {"data": {"id": "42", "name": "2i2c", "username": "2i2c_org"}}

    def createPosts(self, params, query, body):
        text = body.get("text", "")
        if not text:
            return 400, {}, self.error(400, "text is required when there is no media or poll")
        if any(p["text"] == text for p in self.posts):
            return (
                403,
                {},
                self.error(403, "You are not allowed to create a Tweet with duplicate content."),
            )
        post = {"id": str(next(self.ids)), "text": text, "edit_history_tweet_ids": []}
        post["edit_history_tweet_ids"].append(post["id"])
        self.posts.append(post)
        return 201, {}, {"data": post}
