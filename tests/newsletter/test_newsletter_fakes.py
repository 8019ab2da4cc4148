"""The fakes reject what the real services reject: checked through the real clients."""

import datetime
import json

import mailchimp_marketing
import pytest
import requests
import tweepy
from mailchimp_marketing.api_client import ApiClientError
from newsletter_support import SECRETS, mailchimp, x  # noqa: F401  (fixtures)
from requests_oauthlib import OAuth1


@pytest.fixture
def client(mailchimp, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    c = mailchimp_marketing.Client()
    c.set_config({"api_key": SECRETS["MAILCHIMP_API_KEY"], "timeout": 5})
    c.api_client.host = mailchimp.base + "/3.0"
    return c


def problem(exc):
    """The problem document, its field errors (Mailchimp's "errors" array) folded into "detail"."""
    body = json.loads(exc.text)
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    body["detail"] += "".join(f"; {e['field']}: {e['message']}" for e in body.get("errors", []))
    return body


def test_mailchimp_fake_validates_against_the_spec(client, mailchimp):
    with pytest.raises(ApiClientError) as info:
        client.campaigns.create(
            {"type": "newsletter", "recipients": {"list_id": SECRETS["MAILCHIMP_LIST_ID"]}}
        )
    assert (
        info.value.status_code == 400
        and "'newsletter' is not one of" in problem(info.value)["detail"]
    )
    with pytest.raises(ApiClientError) as info:
        client.campaigns.create({"type": "regular", "recipients": {}})
    assert "'list_id' is a required property" in problem(info.value)["detail"]
    with pytest.raises(ApiClientError) as info:
        client.campaigns.list(status="draft")
    assert "status: 'draft' is not one of" in problem(info.value)["detail"]
    with pytest.raises(ApiClientError) as info:
        client.campaigns.get("nope")
    assert info.value.status_code == 404
    assert mailchimp.campaigns == {}


def test_mailchimp_fake_schedules_only_ready_campaigns_on_a_future_quarter_hour(client, mailchimp):
    created = client.campaigns.create(
        {
            "type": "regular",
            "recipients": {"list_id": SECRETS["MAILCHIMP_LIST_ID"]},
            "settings": {"subject_line": "S", "from_name": "F", "reply_to": "r@e.org"},
        }
    )
    cid = created["id"]
    later = datetime.datetime.now(datetime.UTC).replace(
        microsecond=0, second=0
    ) + datetime.timedelta(days=2)
    with pytest.raises(ApiClientError) as info:
        client.campaigns.schedule(cid, {"schedule_time": later.replace(minute=0).isoformat()})
    assert "not ready to send: content" in problem(info.value)["detail"]
    client.campaigns.set_content(cid, {"html": "<p>x</p>", "plain_text": "x"})
    with pytest.raises(ApiClientError) as info:
        client.campaigns.schedule(cid, {"schedule_time": later.replace(minute=7).isoformat()})
    assert "quarter-hour" in problem(info.value)["detail"]
    with pytest.raises(ApiClientError) as info:
        client.campaigns.schedule(cid, {"timewarp": True})
    assert "'schedule_time' is a required property" in problem(info.value)["detail"]
    client.campaigns.schedule(cid, {"schedule_time": later.replace(minute=15).isoformat()})
    assert mailchimp.campaigns[cid]["status"] == "schedule"
    with pytest.raises(ApiClientError) as info:
        client.campaigns.send(cid)
    assert "its status is schedule" in problem(info.value)["detail"]


def test_mailchimp_fake_wants_the_api_key(mailchimp, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    c = mailchimp_marketing.Client()
    c.set_config({"api_key": "wrong-us21", "timeout": 5})
    c.api_client.host = mailchimp.base + "/3.0"
    with pytest.raises(ApiClientError) as info:
        c.ping.get()
    assert info.value.status_code == 401 and problem(info.value)["title"] == "API Key Invalid"


def test_x_fake_validates_counts_and_refuses_duplicates(x, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    from commands.newsletter.x import _Redirect

    client = tweepy.Client(
        consumer_key=SECRETS["X_API_KEY"],
        consumer_secret=SECRETS["X_API_SECRET"],
        access_token=SECRETS["X_ACCESS_TOKEN"],
        access_token_secret=SECRETS["X_ACCESS_TOKEN_SECRET"],
    )
    client.session.mount("https://api.twitter.com/", _Redirect(x.base, 5))
    created = client.create_tweet(text="Hello https://2i2c.org/blog/a/", user_auth=True)
    assert created.data["text"] == "Hello https://2i2c.org/blog/a/"
    with pytest.raises(tweepy.Forbidden, match="duplicate content"):
        client.create_tweet(text="Hello https://2i2c.org/blog/a/", user_auth=True)
    with pytest.raises(tweepy.BadRequest, match="too long"):
        client.create_tweet(text="研" * 141, user_auth=True)  # 141 wide characters weigh 282
    signed = requests.Session()
    signed.auth = OAuth1(
        SECRETS["X_API_KEY"],
        SECRETS["X_API_SECRET"],
        SECRETS["X_ACCESS_TOKEN"],
        SECRETS["X_ACCESS_TOKEN_SECRET"],
    )
    signed.mount("https://api.twitter.com/", _Redirect(x.base, 5))
    response = signed.post("https://api.twitter.com/2/tweets", json={"text": "hi", "colour": "red"})
    assert response.status_code == 400 and "colour" in response.json()["detail"]
    assert response.headers["Content-Type"] == "application/problem+json"
    # Signed for the URL it was sent to, not the public one: X would refuse the signature.
    unsigned_public = requests.post(x.base + "/2/tweets", json={"text": "hi"}, auth=signed.auth)
    assert unsigned_public.status_code == 401
    stranger = tweepy.Client(
        consumer_key="k", consumer_secret="s", access_token="t", access_token_secret="u"
    )
    stranger.session.mount("https://api.twitter.com/", _Redirect(x.base, 5))
    with pytest.raises(tweepy.Unauthorized):
        stranger.create_tweet(text="x", user_auth=True)
    assert len(x.posts) == 1


def test_mailchimp_fake_refuses_a_subject_line_over_150_in_mailchimps_shape(client, mailchimp):
    body = {
        "type": "regular",
        "recipients": {"list_id": SECRETS["MAILCHIMP_LIST_ID"]},
        "settings": {"subject_line": "s" * 151, "from_name": "F" * 101, "reply_to": "r@e.org"},
    }
    with pytest.raises(ApiClientError) as info:
        client.campaigns.create(body)
    errors = json.loads(info.value.text)["errors"]
    assert {e["field"] for e in errors} == {"settings.subject_line", "settings.from_name"}
    body["settings"].update(subject_line="s" * 150, from_name="F" * 100)
    assert client.campaigns.create(body)["settings"]["subject_line"] == "s" * 150
    with pytest.raises(ApiClientError):
        client.campaigns.update(
            next(iter(mailchimp.campaigns)), {"settings": {"preview_text": "p" * 151}}
        )


def test_buttondown_fake_checks_the_schema_the_key_and_replays_an_idempotent_create(
    buttondown, monkeypatch
):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    session = requests.Session()
    session.headers["Authorization"] = f"Token {SECRETS['BUTTONDOWN_API_KEY']}"
    url = buttondown.base + "/v1/emails"
    too_long = session.post(url, json={"subject": "s" * 2001})
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"] == [
        "body",
        "subject",
    ]
    unknown = session.post(url, json={"subject": "S", "colour": "red"})
    assert unknown.status_code == 422
    past = session.post(
        url, json={"subject": "S", "status": "scheduled", "publish_date": "2020-01-01T00:00:00Z"}
    )
    assert past.status_code == 400 and past.json()["code"] == "publish_date_invalid"
    first = session.post(
        url, json={"subject": "S", "status": "about_to_send"}, headers={"X-Idempotency-Key": "k1"}
    )
    again = session.post(
        url, json={"subject": "S", "status": "about_to_send"}, headers={"X-Idempotency-Key": "k1"}
    )
    assert (
        first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    )
    assert len(buttondown.emails) == 1
    assert requests.get(url, headers={"Authorization": "Token wrong"}).status_code == 401


def test_bluesky_fake_refuses_301_graphemes_through_the_atproto_client(bluesky, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    from atproto import Client
    from atproto_client.exceptions import BadRequestError, UnauthorizedError

    client = Client(base_url=bluesky.base + "/xrpc")
    with pytest.raises(UnauthorizedError):
        client.login(SECRETS["BLUESKY_HANDLE"], "wrong", fetch_bsky_profile=False)
    client.login(
        SECRETS["BLUESKY_HANDLE"], SECRETS["BLUESKY_APP_PASSWORD"], fetch_bsky_profile=False
    )
    record = {
        "$type": "app.bsky.feed.post",
        "text": "👩🏽‍🔬" * 301,
        "createdAt": "2026-11-20T10:00:00.000Z",
    }
    data = {
        "repo": bluesky.did,
        "collection": "app.bsky.feed.post",
        "rkey": "3jzfcijpj2z2a",
        "record": record,
    }
    with pytest.raises(BadRequestError, match="longer than 300 graphemes"):
        client.com.atproto.repo.create_record(data)
    record["text"] = "👩🏽‍🔬" * 300  # 300 graphemes, 4500 bytes: over the 3000-byte limit
    with pytest.raises(BadRequestError, match="UTF-8 bytes"):
        client.com.atproto.repo.create_record(data)
    record["text"] = "👩🏽‍🔬" * 150
    created = client.com.atproto.repo.create_record(data)
    assert created.uri.endswith("/app.bsky.feed.post/3jzfcijpj2z2a")
    with pytest.raises(BadRequestError, match="already exists"):
        client.com.atproto.repo.create_record(data)
    with pytest.raises(BadRequestError, match="rkey"):
        client.com.atproto.repo.create_record({**data, "rkey": "not-a-tid"})
    assert len(bluesky.records) == 1


def test_mastodon_fake_counts_urls_as_23_and_replays_an_idempotency_key(mastodon, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    from mastodon import Mastodon, MastodonAPIError

    api = Mastodon(
        access_token=SECRETS["MASTODON_ACCESS_TOKEN"], api_base_url=mastodon.base, request_timeout=5
    )
    long_url = "https://2i2c.org/blog/" + "x" * 300 + "/"
    fits = "é" * 476 + " " + long_url  # 476 + 1 + 23 = 500
    first = api.status_post(fits, idempotency_key="k1")
    again = api.status_post(fits, idempotency_key="k1")
    assert first["id"] == again["id"] and len(mastodon.statuses) == 1
    with pytest.raises(MastodonAPIError) as info:
        api.status_post("é" * 477 + " " + long_url)
    assert info.value.args[1] == 422 and "character limit" in info.value.args[3]
    assert api.instance_v2()["configuration"]["statuses"]["max_characters"] == 500
