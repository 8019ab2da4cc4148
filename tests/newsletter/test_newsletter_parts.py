"""The pure parts of the newsletter: X text fitting, schedule, settings, ledger, feed and email."""

import datetime
import json
import os
import re
import threading

import pytest
from bs4 import BeautifulSoup
from newsletter_support import ROOT, post, write_atom
from twitter_text import parse_tweet

from commands.newsletter import feed, settings
from commands.newsletter.campaign import campaign_settings, next_send_time
from commands.newsletter.credentials import Credentials
from commands.newsletter.email_body import render
from commands.newsletter.errors import Busy, NewsletterError
from commands.newsletter.ledger import Ledger, locked
from commands.newsletter.x import ELLIPSIS, compose, hashtag

URL = "https://2i2c.org/blog/a-rather-long-slug-for-a-post-about-hubs-and-communities/"


@pytest.mark.parametrize(
    "title,tags,expected",
    [
        ("Short title", (), f"Short title {URL}"),
        ("Short title", ("OpenScience", "Jupyter"), f"Short title {URL} #OpenScience #Jupyter"),
    ],
)
def test_compose_keeps_what_fits(title, tags, expected):
    assert compose(title, URL, tags) == expected


@pytest.mark.parametrize(
    "title",
    [
        "word " * 80,  # many words
        "x" * 400,  # one overlong word
        "研究とコミュニティのためのクラウド" * 12,  # wide characters count 2
        "🚀 launch " * 60,  # emoji count 2
    ],
)
def test_compose_shortens_the_title_never_the_url(title):
    text = compose(title, URL, ("OpenScience",))
    assert parse_tweet(text).weightedLength <= 280
    assert text.split()[-1] == URL  # the hashtag went first, the URL is whole
    assert ELLIPSIS in text
    assert parse_tweet(text).weightedLength > 240  # shortened, not emptied


def test_compose_drops_hashtags_before_touching_the_title():
    title = "t" * 230
    text = compose(title, URL, ("One", "Two", "Three"))
    assert text.startswith(title + " " + URL) and ELLIPSIS not in text
    assert parse_tweet(text).weightedLength <= 280


@pytest.mark.parametrize(
    "word,tag",
    [
        ("open science", "OpenScience"),
        ("JupyterHub", "JupyterHub"),
        ("2024", ""),
        ("c++ & co.", "CCo"),
        ("", ""),
    ],
)
def test_hashtag(word, tag):
    assert hashtag(word) == tag


UTC = datetime.UTC


@pytest.mark.parametrize(
    "now,expected",
    [
        (
            datetime.datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
            datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC),
        ),  # Wed
        (
            datetime.datetime(2026, 11, 26, 14, 50, tzinfo=UTC),
            datetime.datetime(2026, 12, 3, 15, 0, tzinfo=UTC),
        ),  # too close
        (
            datetime.datetime(2026, 11, 26, 14, 40, tzinfo=UTC),
            datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC),
        ),
        (
            datetime.datetime(2026, 11, 27, 8, 0, tzinfo=UTC),
            datetime.datetime(2026, 12, 3, 15, 0, tzinfo=UTC),
        ),  # Fri
    ],
)
def test_next_send_time_is_the_next_configured_weekday_on_a_quarter_hour(now, expected):
    conf = settings.load({"NEWSLETTER": {"send_day": "Thursday", "send_time": "15:00"}})
    assert next_send_time(conf, now) == expected


def test_campaign_title_and_subject():
    conf = settings.load({})
    posts = [
        feed.Post(url=URL, title="Newest", date=None, summary=""),
        feed.Post(url=URL + "x", title="B", date=None, summary=""),
    ]
    when = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert campaign_settings(conf, posts, when)["title"] == "2i2c weekly 2026-W48"
    assert campaign_settings(conf, posts, when)["subject_line"] == "2i2c weekly: Newest and 1 more"
    assert campaign_settings(conf, posts[:1], when)["subject_line"] == "2i2c weekly: Newest"


def test_settings_problems_are_all_listed_with_the_plugin_name():
    with pytest.raises(NewsletterError) as info:
        settings.load(
            {
                "NEWSLETTER": {
                    "send_time": "15:07",
                    "send_day": "someday",
                    "reply_to": "nobody",
                    "retries": -1,
                    "colour": "red",
                }
            }
        )
    lines = str(info.value).splitlines()
    assert len(lines) == 5 and all(line.startswith("newsletter: NEWSLETTER: ") for line in lines)
    assert any("quarter hour" in line for line in lines) and any(
        "'colour'" in line for line in lines
    )


def test_credentials_never_show_their_values():
    creds = Credentials({"MAILCHIMP_API_KEY": "abc123secret-us5", "X_API_KEY": "xsecret"})
    assert "abc123secret" not in repr(creds) and "xsecret" not in repr(creds)
    assert creds.mailchimp_server() == "us5"
    assert "abc123secret" in creds.secrets()
    with pytest.raises(NewsletterError, match="MAILCHIMP_LIST_ID"):
        creds.require("mailchimp")
    with pytest.raises(
        NewsletterError, match="X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET"
    ):
        creds.require("x")


def test_ledger_round_trip_and_atomic_replace(tmp_path):
    path = tmp_path / "state" / "ledger.json"
    ledger = Ledger(path)
    assert not ledger.existed
    ledger.mark("x", URL, "posted", post_id="1")
    ledger.save()
    assert Ledger(path).announced("x") == {URL} and Ledger(path).announced("mailchimp") == set()
    assert [p.name for p in path.parent.iterdir()] == [
        "ledger.json"
    ]  # no temporary file left behind
    path.write_text(json.dumps({"version": 99}))
    with pytest.raises(NewsletterError, match=r"ledger.json:1: ledger version 99"):
        Ledger(path)
    path.write_text('{"version": 1,\n  oops')
    with pytest.raises(NewsletterError, match=r"ledger.json:2: the ledger is not valid JSON"):
        Ledger(path)


def test_lock_refuses_a_second_holder_and_waits_when_asked(tmp_path):
    path = tmp_path / "ledger.json"
    with locked(path, wait=0), pytest.raises(Busy, match="another newsletter run is working"):
        with locked(path, wait=0):
            pass
    release = threading.Event()
    held = threading.Event()

    def hold():
        with locked(path, wait=0):
            held.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5)  # the holder has the lock before we ask for it
    threading.Timer(0.3, release.set).start()
    with locked(path, wait=5):  # waits for the holder, then gets the lock
        assert release.is_set()
    holder.join()


def test_feed_problems_say_what_to_do(tmp_path):
    with pytest.raises(NewsletterError, match="no feed here; build the site with publish settings"):
        feed.read(str(tmp_path / "missing.xml"))
    relative = tmp_path / "relative.xml"
    write_atom(relative, [post("a")])
    relative.write_text(relative.read_text().replace("https://2i2c.org/blog/a/", "/blog/a/"))
    with pytest.raises(NewsletterError, match="has no absolute link"):
        feed.read(str(relative))
    broken = tmp_path / "broken.xml"
    broken.write_text("<feed>\n<entry>\n")
    with pytest.raises(NewsletterError, match=r"broken.xml:\d+: not a readable Atom/RSS feed"):
        feed.read(str(broken))


def test_feed_posts_oldest_first_with_tags_and_authors(tmp_path):
    path = tmp_path / "atom.xml"
    write_atom(
        path,
        [post("b", date="2026-11-10", tags=("blog", "open science")), post("a", date="2026-10-01")],
    )
    posts = feed.read(str(path))
    assert [p.url for p in posts] == ["https://2i2c.org/blog/a/", "https://2i2c.org/blog/b/"]
    assert posts[1].tags == ("blog", "open science") and posts[1].authors == ("Chris Holdgraf",)
    assert posts[1].summary == "About B."


def test_email_html_is_inlined_absolute_and_has_the_unsubscribe_tag():
    posts = [
        feed.Post(
            url="https://2i2c.org/blog/b/",
            title="B <script>",
            date=datetime.datetime(2026, 11, 3, tzinfo=UTC),
            summary="Summary of B",
            authors=("Ana",),
        ),
        feed.Post(url="https://2i2c.org/blog/a/", title="A & co", date=None, summary=""),
    ]
    html, text = render(
        posts,
        {
            "sitename": "2i2c",
            "siteurl": "https://2i2c.org",
            "subject": "S",
            "preview_text": "P",
            "intro": "Two new posts.",
            "unsubscribe": "*|UNSUB|*",
            "archive_url": "https://2i2c.org/newsletter/2026-w48/",
        },
        os.path.join(ROOT, "theme"),
    )
    soup = BeautifulSoup(html, "lxml")
    links = [a["href"] for a in soup.find_all("a", href=True)]
    assert "*|UNSUB|*" in links
    browser = soup.find("a", string="View this issue in your browser")
    assert browser["href"] == "https://2i2c.org/newsletter/2026-w48/"
    assert "View this issue in your browser: https://2i2c.org/newsletter/2026-w48/" in text
    assert all(h.startswith("https://") for h in links if h != "*|UNSUB|*")
    assert not soup.find_all("img") or all(
        i["src"].startswith("https://") for i in soup.find_all("img")
    )
    assert soup.find("script") is None and "B <script>" in soup.get_text()  # titles are escaped
    for element in [soup.body, *soup.find_all("td"), *soup.find_all("h2"), *soup.find_all("a")]:
        assert "style" in element.attrs, element.name
    stylesheet = (ROOT / "theme" / "static" / "css" / "style.css").read_text()
    accent = re.search(r"--accent:\s*(?:light-dark\(\s*)?(#[0-9a-fA-F]+)", stylesheet)[
        1
    ]  # the light palette
    assert accent in soup.find("h2").a["style"]  # the site's own accent colour
    assert soup.find_all("table", attrs={"role": "presentation"})
    # Only the @media rule (which cannot be inlined) is left in a <style>: layout does not depend on it.
    assert all(s.get_text().strip().startswith("@media") for s in soup.find_all("style"))
    assert [line for line in text.splitlines() if line.startswith("https://2i2c.org/blog/")] == [
        "https://2i2c.org/blog/b/",
        "https://2i2c.org/blog/a/",
    ]
    assert "*|UNSUB|*" in text


def test_weekly_workflow_runs_send_with_every_channels_secrets_and_keeps_the_ledger():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "newsletter.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as True
    assert triggers["schedule"][0]["cron"].split()[4] == "4" and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["newsletter"]["steps"]
    run = next(s for s in steps if "newsletter --send" in s.get("run", ""))
    from commands.newsletter.credentials import NEEDED

    assert set(run["env"]) - {"MODE"} == {name for names in NEEDED.values() for name in names}
    assert all(v == f"${{{{ secrets.{k} }}}}" for k, v in run["env"].items() if k != "MODE")
    build_step = steps.index(next(s for s in steps if "build --publish" in s.get("run", "")))
    assert build_step < steps.index(run)
    keep = steps[-1]
    assert (
        keep["if"] == "always()" and "push origin HEAD:refs/heads/newsletter-state" in keep["run"]
    )
    assert settings.DEFAULTS["ledger"].startswith("newsletter-state/")


def test_backoff_doubles_with_jitter_honours_the_server_and_is_bounded():
    from commands.newsletter.retry import Retry

    slept = []
    retry = Retry(retries=4, backoff=1.0, max_wait=10, sleep=slept.append)
    assert all(retry.wait(n, "x") for n in range(4))
    for n, delay in enumerate(slept):
        assert 2**n / 2 <= delay <= 2**n
    assert retry.wait(4, "x") is False  # retries used up
    slept.clear()
    assert retry.wait(0, "x", server_says=7) and slept == [7.0]
    assert retry.wait(0, "x", server_says=11) is False and slept == [
        7.0
    ]  # longer than max_wait: stop instead


def test_feed_from_the_live_url(tmp_path, monkeypatch):
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    write_atom(tmp_path / "atom.xml", [post("a"), post("b", date="2026-11-05")])
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        conf = settings.load({"NEWSLETTER": {"feed": base + "/atom.xml"}})
        source = feed.location(conf, "/unused")
        assert source == base + "/atom.xml"
        monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
        assert [p.url for p in feed.read(source, timeout=5)] == [
            "https://2i2c.org/blog/a/",
            "https://2i2c.org/blog/b/",
        ]
        with pytest.raises(NewsletterError, match="could not read the feed"):
            feed.read(base + "/missing.xml", timeout=5)
    finally:
        server.shutdown()
        server.server_close()


# --- Limits: each text fitted as its service counts it --------------------------------------------
from commands.newsletter import bluesky_client, mastodon_client  # noqa: E402
from commands.newsletter.email_body import issue_id, subject  # noqa: E402
from commands.newsletter.limits import Mailchimp  # noqa: E402
from commands.newsletter.textfit import grapheme_count, mastodon_length, shorten, utf16_units  # noqa: E402


def _post(title, url=URL, summary="About it."):
    return feed.Post(url=url, title=title, date=None, summary=summary)


def test_a_190_character_title_makes_a_subject_line_within_150_cut_at_a_word():
    title = (
        "Announcing a new collaboration between research communities, universities and cloud providers "
        "to run open infrastructure for interactive computing across the world, starting this winter 2026"
    )
    assert len(title) == 190
    line, cut = subject(
        settings.load({}), [_post(title), _post("Other")], Mailchimp.SUBJECT_LINE, utf16_units
    )
    assert cut and utf16_units(line) <= 150 and line.endswith("\u2026 and 1 more")
    kept = line.removeprefix("2i2c weekly: ").removesuffix("\u2026 and 1 more")
    assert title.startswith(kept) and title[len(kept)] == " "  # cut where a word ends


def test_shorten_never_splits_a_grapheme_cluster():
    title = "🧑‍🤝‍🧑e\u0308\u0323" * 50  # one long "word" of 100 clusters
    text, cut = shorten(title, lambda t: grapheme_count(t) <= 11)
    assert cut and grapheme_count(text) == 11 and text.endswith("\u2026")
    assert text[:-1] == "🧑‍🤝‍🧑e\u0308\u0323" * 5
    assert shorten("short", lambda t: len(t) <= 10) == ("short", False)
    assert shorten("nothing fits", lambda t: False) == ("", True)


def test_mastodon_counts_every_url_as_23_and_graphemes_as_one():
    assert mastodon_length("a https://example.org/" + "x" * 100, 23) == 25
    assert mastodon_length("👩🏽‍🔬 é\u0301", 23) == 3


def test_bluesky_record_facet_is_in_utf8_bytes_and_the_key_is_a_valid_tid():
    post = _post("Café ☕ and 👩🏽‍🔬 research", url="https://2i2c.org/blog/café/")
    draft = bluesky_client.draft(settings.load({}), post, {})
    record = draft["record"]
    [facet] = record["facets"]
    data = record["text"].encode("utf-8")
    assert data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode() == post.url
    assert facet["index"]["byteStart"] != record["text"].index(post.url)  # bytes, not characters
    assert record["embed"]["external"] == {
        "uri": post.url,
        "title": post.title,
        "description": "About it.",
    }
    key = draft["rkey"]
    assert re.fullmatch(r"[234567a-j][234567a-z]{12}", key) and key == bluesky_client.record_key(
        post.url
    )
    assert key != bluesky_client.record_key(post.url + "x")
    # A URL too long for the text leaves it to the link card alone.
    huge = _post("Title", url="https://2i2c.org/blog/" + "y" * 300 + "/")
    long_draft = bluesky_client.draft(settings.load({}), huge, {})
    assert long_draft["text"] == "Title" and "facets" not in long_draft["record"]
    assert long_draft["record"]["embed"]["external"]["uri"] == huge.url


def test_mastodon_draft_uses_a_key_from_the_url_and_the_given_limit():
    conf = settings.load({"NEWSLETTER": {"hashtags": ["OpenScience"]}})
    draft = mastodon_client.draft(conf, _post("word " * 40), {}, limit=100)
    assert draft["length"] <= 100 and draft["key"] == mastodon_client.idempotency_key(URL)
    assert "#OpenScience" not in draft["text"] and URL in draft["text"]
    assert draft["notes"] == ["1 hashtag(s) dropped to fit 100", "title shortened to fit 100"]


def test_issue_is_the_lowercase_iso_week():
    assert issue_id(datetime.datetime(2026, 11, 26, 15, 0, tzinfo=UTC)) == "2026-w48"
    assert issue_id(datetime.datetime(2027, 1, 1, tzinfo=UTC)) == "2026-w53"


def test_a_version_1_ledger_is_migrated_on_read_keeping_what_it_recorded(tmp_path):
    path = tmp_path / "ledger.json"
    v1 = {
        "version": 1,
        "channels": {
            "mailchimp": {
                "announced": {
                    URL: {"at": "2026-11-20T12:00:00+00:00", "how": "schedule", "campaign": "c1"}
                },
                "campaigns": {
                    "c1": {
                        "title": "2i2c weekly 2026-W48",
                        "at": "2026-11-20T12:00:00+00:00",
                        "posts": [URL],
                        "state": "schedule",
                    },
                    "c2": {
                        "title": "2i2c weekly 2026-W49",
                        "at": "2026-11-27T12:00:00+00:00",
                        "posts": [],
                        "state": "content",
                    },
                },
            },
            "x": {
                "announced": {
                    URL: {"at": "2026-11-20T12:00:00+00:00", "how": "posted", "post_id": "9"}
                },
                "attempts": {},
            },
        },
    }
    path.write_text(json.dumps(v1))
    ledger = Ledger(path)
    assert ledger.data["version"] == 2
    c1 = ledger.channel("mailchimp")["campaigns"]["c1"]
    assert c1 == {
        "title": "2i2c weekly 2026-W48",
        "at": "2026-11-20T12:00:00+00:00",
        "posts": [URL],
        "state": "scheduled",
        "issue": "2026-w48",
    }  # no subject or send time: v1 had none
    assert (
        ledger.channel("mailchimp")["campaigns"]["c2"]["state"] == "content"
    )  # unfinished stays unfinished
    assert ledger.channel("mailchimp")["announced"][URL]["campaign"] == "c1"
    assert ledger.channel("x")["announced"][URL]["post_id"] == "9"
    assert ledger.announced("bluesky") == set() and ledger.channel("buttondown")["held"] == {}
    ledger.save()
    assert json.loads(path.read_text())["version"] == 2


def test_new_settings_and_credentials_are_checked():
    with pytest.raises(NewsletterError) as info:
        settings.load(
            {
                "NEWSLETTER": {
                    "channels": ["mailchimp", "myspace"],
                    "from_name": "F" * 101,
                    "mastodon_visibility": "loud",
                    "mastodon_max_characters": 5,
                }
            }
        )
    text = str(info.value)
    assert "channels must be a list drawn from" in text and "from_name must be at most 100" in text
    assert "mastodon_visibility must be one of" in text and "mastodon_max_characters" in text
    creds = Credentials(
        {
            "BUTTONDOWN_API_KEY": "bdsecret",
            "BLUESKY_HANDLE": "2i2c.bsky.social",
            "MASTODON_API_BASE": "hachyderm.io",
            "MASTODON_ACCESS_TOKEN": "tok",
        }
    )
    assert "bdsecret" in creds.secrets() and "2i2c.bsky.social" not in creds.secrets()
    assert (
        creds.shown("BLUESKY_HANDLE") == "2i2c.bsky.social"
        and creds.shown("BUTTONDOWN_API_KEY") == "<hidden>"
    )
    creds.require("buttondown")
    with pytest.raises(NewsletterError, match="BLUESKY_APP_PASSWORD"):
        creds.require("bluesky")
    with pytest.raises(NewsletterError, match="MASTODON_API_BASE must be the instance's address"):
        creds.require("mastodon")
