"""All five channels against fakes that enforce each service's documented limits.

Mailchimp and Buttondown (one email a week), X, Bluesky and Mastodon (one post per blog post):
every new post exactly once on each, whatever the titles and URLs, faults, kills and refusals.
"""

import json
import re

import pytest
import regex
from bs4 import BeautifulSoup
from newsletter_support import ALL_CHANNELS, SECRETS, assert_exactly_once, hrefs, post, write_atom
from twitter_text import parse_tweet

OLD = [post("old-news", date="2026-10-01")]
NEW = [
    post(
        "a-new-hub",
        "A new hub for a research community",
        date="2026-11-10",
        tags=("blog", "open science"),
    ),
    post("cloud-costs", "What a cloud hub costs", date="2026-11-12"),
]
EMOJI = "👩🏽‍🔬 Ré" + "\u0301" * 3 + "sumé 🇨🇦 " + "🧑‍🤝‍🧑e\u0308\u0323 " * 120
HARD = [
    post(
        "long-title", "Hubs " + "for research communities and open science " * 7, date="2026-11-15"
    ),
    post("emoji-title", EMOJI.strip(), date="2026-11-14"),
    post("x" * 177, "A post with a very long address", date="2026-11-13"),
]


def graphemes(text):
    return len(regex.findall(r"\X", text))


def mastodon_length(text):
    return graphemes(re.sub(r"https?://\S+", "x" * 23, text))


@pytest.fixture
def five(newsletter):
    """A first run on the OLD posts with all five channels, then NEW posts appear."""
    newsletter.conf_all = newsletter.conf(channels=ALL_CHANNELS)
    write_atom(newsletter.feed, OLD)
    assert newsletter.run("--send", conf=newsletter.conf_all).returncode == 0
    write_atom(newsletter.feed, OLD + NEW)
    return newsletter


def send(newsletter, *args, env=None):
    result = newsletter.run("--send", *args, conf=newsletter.conf_all, env=env)
    return result


def test_each_new_post_once_on_all_five_channels_and_a_quiet_week_after(five):
    result = send(five)
    assert result.returncode == 0, result.stderr
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)
    ledger = json.loads(five.ledger.read_text())
    # The archive helper's contract: each email channel's campaigns, fully described.
    for channel in ("mailchimp", "buttondown"):
        [(cid, record)] = ledger["channels"][channel]["campaigns"].items()
        assert record["state"] == "scheduled" and record["posts"] == [NEW[1]["url"], NEW[0]["url"]]
        assert re.fullmatch(r"\d{4}-w\d{2}", record["issue"])
        assert record["send_at"].replace("Z", "+00:00").endswith("15:00:00+00:00")
        assert (
            record["subject"] == "2i2c weekly: What a cloud hub costs and 1 more"
            and record["title"]
        )
    mailchimp_issue = ledger["channels"]["mailchimp"]["campaigns"]
    [campaign] = five.mailchimp.campaigns.values()
    [email] = five.buttondown.emails.values()
    issue = next(iter(mailchimp_issue.values()))["issue"]
    browser = f"https://2i2c.org/newsletter/{issue}/"
    for html in (campaign["content"]["html"], email["body"]):
        link = BeautifulSoup(html, "lxml").find("a", string="View this issue in your browser")
        assert link["href"] == browser
    assert f"View this issue in your browser: {browser}" in campaign["content"]["plain_text"]
    assert email["status"] == "scheduled" and email["publish_date"].endswith("T15:00:00Z")
    assert (
        email["metadata"]["posts"] == [NEW[1]["url"], NEW[0]["url"]]
        and email["canonical_url"] == browser
    )
    assert "{{ unsubscribe_url }}" in hrefs(email["body"])
    # Bluesky: the link facet covers the URL's UTF-8 bytes; a link card; keys derived from the URL.
    for record in five.bluesky.records.values():
        [facet] = record["facets"]
        data = record["text"].encode()
        uri = facet["features"][0]["uri"]
        assert data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode() == uri
        assert (
            record["embed"]["external"]["uri"] == uri and record["embed"]["external"]["description"]
        )
    # Mastodon: one key per post, derived from its URL.
    assert len(five.mastodon.keys) == 2 and len(five.mastodon.statuses) == 2
    writes = {
        name: len([e for e in fake.log if e[1] != "GET"]) for name, fake in five_fakes(five).items()
    }
    quiet = send(five)
    assert quiet.returncode == 0, quiet.stderr
    assert {
        name: len([e for e in fake.log if e[1] != "GET"]) for name, fake in five_fakes(five).items()
    } == {
        name: count + (1 if name == "bluesky" else 0) for name, count in writes.items()
    }  # Bluesky: a new session
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)


def five_fakes(newsletter):
    return {
        "mailchimp": newsletter.mailchimp,
        "buttondown": newsletter.buttondown,
        "x": newsletter.x,
        "bluesky": newsletter.bluesky,
        "mastodon": newsletter.mastodon,
    }


def test_long_titles_emoji_and_long_urls_fit_every_limit(five):
    write_atom(five.feed, OLD + NEW + HARD)
    dry = five.run(conf=five.conf_all, env=five.env(secrets=False))
    assert dry.returncode == 0, dry.stderr
    result = send(five)
    assert result.returncode == 0, result.stderr
    assert_exactly_once(five, NEW + HARD, OLD, channels=ALL_CHANNELS)
    [campaign] = five.mailchimp.campaigns.values()
    subject = campaign["settings"]["subject_line"]
    assert (
        len(subject.encode("utf-16-le")) // 2 <= 150
        and "\u2026" in subject
        and subject.endswith(" and 4 more")
    )
    for tweet in five.x.posts:
        assert parse_tweet(tweet["text"]).weightedLength <= 280
    for record in five.bluesky.records.values():
        assert graphemes(record["text"]) <= 300 and len(record["text"].encode()) <= 3000
    for status in five.mastodon.statuses:
        assert mastodon_length(status["text"]) <= 500
    long_url = HARD[2]["url"]
    assert len(long_url) == 200
    assert any(t["text"].endswith(long_url) for t in five.x.posts)  # never cut
    assert any(r["text"].endswith(long_url) for r in five.bluesky.records.values())
    emoji_posts = [
        r["text"]
        for r in five.bluesky.records.values()
        if "emoji-title" in r["embed"]["external"]["uri"]
    ]
    [emoji_text] = emoji_posts
    title_part = emoji_text.rsplit(" ", 1)[0]
    assert title_part.endswith("\u2026")
    # Cut between grapheme clusters only: every cluster of the kept part is one of the title's.
    assert set(regex.findall(r"\X", title_part[:-1])) <= set(regex.findall(r"\X", HARD[1]["title"]))
    # The dry run showed the same texts, with their lengths as each service counts them.
    for record in five.bluesky.records.values():
        assert f"[{graphemes(record['text'])}/300 graphemes] {record['text']}" in dry.stdout
    for tweet in five.x.posts:
        assert (
            f"[{parse_tweet(tweet['text']).weightedLength}/280 weighted characters] {tweet['text']}"
            in dry.stdout
        )
    for status in five.mastodon.statuses:
        assert f"[{mastodon_length(status['text'])}/500 characters] {status['text']}" in dry.stdout
    assert (
        f"subject: {subject} [{len(subject.encode('utf-16-le')) // 2}/150 characters] (newest title "
        "shortened to fit 150)" in dry.stdout
    )
    assert "title shortened to fit 300" in dry.stdout and "title shortened to fit 280" in dry.stdout


REFUSED = post("refused-post", "Webinar recap: the forbidden word", date="2026-11-16")
REFUSALS = {  # how each fake refuses that one post for good, as the service itself would
    "mailchimp": ("POST", "/campaigns", "settings.subject_line", "forbidden word"),
    "buttondown": ("POST", "/emails", "subject", "forbidden word"),
    "x": ("POST", "/2/tweets", "text", "forbidden word"),
    "bluesky": ("POST", "com.atproto.repo.createRecord", "text", "forbidden word"),
    "mastodon": ("POST", "/v1/statuses", "status", "forbidden word"),
}


@pytest.mark.parametrize("channel", ALL_CHANNELS)
def test_a_refused_post_is_held_back_while_three_weeks_go_out_then_it_goes_once_fixed(
    five, channel
):
    fake = five_fakes(five)[channel]
    method, part, field, word = REFUSALS[channel]
    fake.fault(
        method,
        part,
        "refuse",
        times=1000,
        body_contains=word,
        field=field,
        detail="This content was flagged and cannot be sent.",
    )
    write_atom(five.feed, OLD + NEW + [REFUSED])
    first = send(five)
    assert first.returncode == 1
    [line] = [l for l in first.stderr.splitlines() if "held back" in l]
    assert f'{channel}: held back "{REFUSED["title"]}" <{REFUSED["url"]}>' in line
    assert repr(field) in line and "flagged and cannot be sent" in line
    assert (
        f"--skip {REFUSED['url']} --channel {channel}" in line and "Traceback" not in first.stderr
    )
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)  # the others all went out
    weeks = []
    for week in range(3):
        fresh = post(f"week-{week}", f"Weekly news number {week}", date=f"2026-11-{20 + week}")
        weeks.append(fresh)
        write_atom(five.feed, OLD + NEW + [REFUSED] + weeks)
        dry = five.run(conf=five.conf_all, env=five.env(secrets=False))
        assert "still held back" in dry.stdout and REFUSED["url"] in dry.stdout
        later = send(five, "--now")
        assert later.returncode == 0, later.stderr
        assert f"{channel}: still held back" in later.stderr and REFUSED["url"] in later.stderr
        assert_exactly_once(five, NEW + weeks, OLD, channels=ALL_CHANNELS)
        assert not any(sent_elsewhere(five, REFUSED["url"], channel).values())
    fixed = dict(REFUSED, title="Webinar recap: what we learned")
    write_atom(five.feed, OLD + NEW + [fixed] + weeks)
    after = send(five, "--now")
    assert after.returncode == 0, after.stderr
    assert "held back" not in after.stderr
    assert_exactly_once(five, NEW + weeks + [fixed], OLD, channels=ALL_CHANNELS)
    again = send(five, "--now")
    assert again.returncode == 0 and "held back" not in again.stdout + again.stderr
    assert_exactly_once(five, NEW + weeks + [fixed], OLD, channels=ALL_CHANNELS)


def sent_elsewhere(newsletter, url, channel):
    from newsletter_support import sent_counts

    return {c: n for c, n in sent_counts(newsletter, url).items() if c == channel}


def test_skip_leaves_a_refused_post_out_for_good(five):
    five.x.fault(
        "POST",
        "/2/tweets",
        "refuse",
        times=1000,
        body_contains="forbidden word",
        field="text",
        detail="flagged",
    )
    write_atom(five.feed, OLD + NEW + [REFUSED])
    assert send(five).returncode == 1
    needs_channel = five.run("--skip", REFUSED["url"], conf=five.conf_all)
    assert needs_channel.returncode == 1 and "--skip needs --channel" in needs_channel.stderr
    skipped = five.run("--skip", REFUSED["url"], "--channel", "x", conf=five.conf_all)
    assert skipped.returncode == 0, skipped.stderr
    assert "will not be sent" in skipped.stdout
    ledger = json.loads(five.ledger.read_text())
    assert ledger["channels"]["x"]["announced"][REFUSED["url"]]["how"] == "skipped"
    assert "flagged" in ledger["channels"]["x"]["announced"][REFUSED["url"]]["reason"]
    later = send(five)
    assert later.returncode == 0 and "held back" not in later.stdout + later.stderr
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)
    assert sent_elsewhere(five, REFUSED["url"], "bluesky") == {"bluesky": 1}
    unknown = five.run(
        "--skip", "https://2i2c.org/blog/nope/", "--channel", "x", conf=five.conf_all
    )
    assert unknown.returncode == 1 and "--skip: not in the feed" in unknown.stderr


NEW_KILLS = [
    "buttondown:created",
    "buttondown:done",
    "bluesky:posted:1",
    "bluesky:recorded:1",
    "bluesky:posted:2",
    "mastodon:posted:1",
    "mastodon:recorded:1",
    "mastodon:posted:2",
]


@pytest.mark.parametrize("step", NEW_KILLS)
def test_killed_at_any_step_of_the_new_channels_the_next_run_finishes_once(five, step):
    killed = send(five, env=five.env(NEWSLETTER_TEST_KILL_AT=step))
    assert killed.returncode == -9, killed.stdout + killed.stderr
    result = send(five)
    assert result.returncode == 0, result.stderr
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)
    assert len(five.buttondown.emails) == 1


def test_mastodon_killed_after_posting_more_than_an_hour_ago_is_found_on_the_account(five):
    killed = send(five, env=five.env(NEWSLETTER_TEST_KILL_AT="mastodon:posted:1"))
    assert killed.returncode == -9
    five.mastodon.keys.clear()  # the instance forgot the idempotency keys (kept one hour)
    result = send(five)
    assert result.returncode == 0, result.stderr
    assert "an earlier attempt had landed" in result.stdout
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)


FAULTS = [  # (channel, method, path part, fault keyword arguments)
    ("buttondown", "POST", "/emails", {"kind": "status", "status": 500, "times": 2}),
    (
        "buttondown",
        "POST",
        "/emails",
        {"kind": "status", "status": 429, "headers": {"Retry-After": "1"}},
    ),
    ("buttondown", "POST", "/emails", {"kind": "slow", "delay": 1.5, "after": True}),
    ("buttondown", "POST", "/emails", {"kind": "drop", "after": True}),
    ("buttondown", "GET", "/emails", {"kind": "status", "status": 503, "times": 2}),
    ("bluesky", "POST", "createRecord", {"kind": "status", "status": 500, "times": 2}),
    ("bluesky", "POST", "createRecord", {"kind": "status", "status": 429, "times": 1}),
    ("bluesky", "POST", "createRecord", {"kind": "slow", "delay": 1.5, "after": True}),
    ("bluesky", "POST", "createRecord", {"kind": "drop", "after": True}),
    ("bluesky", "POST", "createSession", {"kind": "status", "status": 503, "times": 2}),
    ("mastodon", "POST", "/v1/statuses", {"kind": "status", "status": 503, "times": 2}),
    ("mastodon", "POST", "/v1/statuses", {"kind": "status", "status": 429, "times": 1}),
    ("mastodon", "POST", "/v1/statuses", {"kind": "slow", "delay": 1.5, "after": True}),
    ("mastodon", "POST", "/v1/statuses", {"kind": "drop", "after": True}),
]


@pytest.mark.parametrize(
    "channel,method,part,fault",
    FAULTS,
    ids=[f"{c}-{m}-{p}-{f['kind']}{f.get('status', '')}" for c, m, p, f in FAULTS],
)
def test_faults_of_the_new_channels_are_retried_without_duplicates(
    five, channel, method, part, fault
):
    fake = five_fakes(five)[channel]
    kind = fault.pop("kind")
    fake.fault(method, part, kind, **fault)
    result = send(five)
    assert result.returncode == 0, result.stderr
    assert any(entry[3] in ("dropped", 429, 500, 503) for entry in fake.log) or kind == "slow"
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)
    assert (
        len(five.buttondown.emails) == 1
        and len(five.mastodon.statuses) == 2
        and len(five.bluesky.records) == 2
    )


def test_persistent_errors_stop_each_channel_clearly_and_the_next_run_finishes(five):
    five.buttondown.fault("POST", "/emails", "status", times=100, status=500)
    five.bluesky.fault("POST", "createRecord", "status", times=100, status=503)
    five.mastodon.fault("POST", "/v1/statuses", "status", times=100, status=502)
    failed = send(five)
    assert failed.returncode == 1
    assert "buttondown: create email: still failing (HTTP 500) after 4 attempts" in failed.stderr
    assert (
        "bluesky: post: still failing" in failed.stderr
        and "mastodon: post: still failing" in failed.stderr
    )
    assert "Traceback" not in failed.stderr
    for fake in five_fakes(five).values():
        fake.faults.clear()
    assert send(five).returncode == 0
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)


def test_wrong_credentials_name_the_variable_and_missing_ones_only_for_enabled_channels(five):
    bad = send(
        five,
        env=five.env(
            BUTTONDOWN_API_KEY="wrongkey",
            BLUESKY_APP_PASSWORD="wrong-pass",
            MASTODON_ACCESS_TOKEN="wrongtoken",
        ),
    )
    assert bad.returncode == 1
    assert "check BUTTONDOWN_API_KEY" in bad.stderr and "BLUESKY_APP_PASSWORD" in bad.stderr
    assert "check MASTODON_ACCESS_TOKEN" in bad.stderr
    assert not any(v in bad.stdout + bad.stderr for v in ("wrongkey", "wrong-pass", "wrongtoken"))
    env = five.env()
    del env["BLUESKY_APP_PASSWORD"]
    only_x = five.run("--send", "--channel", "x", conf=five.conf_all, env=env)
    assert only_x.returncode == 0, only_x.stderr  # Bluesky is not used: its password is not needed
    missing = send(five, env=env)
    assert (
        missing.returncode == 1
        and "bluesky: set the environment variable BLUESKY_APP_PASSWORD" in missing.stderr
    )
    assert send(five).returncode == 0
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)


def test_two_runs_at_once_on_all_channels(five):
    five.buttondown.fault("GET", "/emails", "slow", delay=1.0)
    conf = five.conf(channels=ALL_CHANNELS, lock_wait=30, timeout=10)
    runs = [five.start("--send", conf=conf) for _ in range(2)]
    results = [five.finish(r) for r in runs]
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert_exactly_once(five, NEW, OLD, channels=ALL_CHANNELS)


def test_mastodon_reads_the_instance_limit(five):
    five.mastodon.max_characters = 120
    write_atom(five.feed, OLD + NEW + HARD[:1])
    result = send(five, "--channel", "mastodon")
    assert result.returncode == 0, result.stderr
    assert all(mastodon_length(s["text"]) <= 120 for s in five.mastodon.statuses)
    assert any(
        s["text"].endswith(HARD[0]["url"]) and "\u2026" in s["text"] for s in five.mastodon.statuses
    )


def test_dry_run_lists_every_channel_and_shows_no_secret(five):
    result = five.run(conf=five.conf_all)
    assert result.returncode == 0, result.stderr
    for label in (
        "Mailchimp: would create campaign",
        "Buttondown: would create an email",
        "X: would post 2",
        "Bluesky: would post 2",
        "Mastodon: would post 2",
    ):
        assert label in result.stdout
    assert f"BLUESKY_HANDLE: {SECRETS['BLUESKY_HANDLE']}" in result.stdout
    assert "BUTTONDOWN_API_KEY: <hidden>" in result.stdout
    assert all(f.log == [] for f in five_fakes(five).values())


def test_channels_added_to_a_version_1_ledger_start_without_flooding_the_archive(newsletter):
    stamp = {"at": "2026-10-02T12:00:00+00:00", "how": "first run"}
    newsletter.ledger.parent.mkdir(parents=True)
    newsletter.ledger.write_text(
        json.dumps(
            {
                "version": 1,
                "channels": {
                    "mailchimp": {"announced": {p["url"]: stamp for p in OLD}, "campaigns": {}},
                    "x": {"announced": {p["url"]: stamp for p in OLD}, "attempts": {}},
                },
            }
        )
    )
    write_atom(newsletter.feed, OLD + NEW)
    conf = newsletter.conf(channels=ALL_CHANNELS)
    dry = newsletter.run(conf=conf, env=newsletter.env(secrets=False))
    assert "bluesky: first use of this channel: --send would record the 3 posts" in dry.stdout
    result = newsletter.run("--send", conf=conf)
    assert result.returncode == 0, result.stderr
    for channel in ("buttondown", "bluesky", "mastodon"):
        assert f"{channel}: first use of this channel: recorded the 3 posts" in result.stdout
    assert_exactly_once(newsletter, NEW, OLD, channels=("mailchimp", "x"))
    later = post("next-week", "Next week's news", date="2026-11-25")
    write_atom(newsletter.feed, OLD + NEW + [later])
    assert newsletter.run("--send", "--now", conf=conf).returncode == 0
    assert_exactly_once(newsletter, [later], OLD, channels=ALL_CHANNELS)
    assert json.loads(newsletter.ledger.read_text())["version"] == 2


def test_mailchimp_refusing_content_that_names_one_post_reuses_the_campaign_without_it(five):
    five.mailchimp.fault(
        "PUT",
        "/content",
        "refuse",
        times=1000,
        body_contains=REFUSED["url"],
        field="html",
        detail=f"The link {REFUSED['url']} is on a blocklist.",
    )
    write_atom(five.feed, OLD + NEW + [REFUSED])
    result = send(five, "--channel", "mailchimp")
    assert result.returncode == 1
    assert (
        f'mailchimp: held back "{REFUSED["title"]}" <{REFUSED["url"]}>: mailchimp refused the field '
        "'html'"
        in result.stderr
        and "blocklist" in result.stderr
    )
    [campaign] = (
        five.mailchimp.campaigns.values()
    )  # the same campaign, filled again without the post
    assert campaign["status"] == "schedule"
    assert hrefs(campaign["content"]["html"]) >= {p["url"] for p in NEW}
    assert REFUSED["url"] not in hrefs(campaign["content"]["html"])


def test_skip_and_backfill_of_one_post_need_a_ledger_first(newsletter):
    write_atom(newsletter.feed, OLD + NEW)
    for args in (("--skip", NEW[0]["url"], "--channel", "x"), (f"--backfill={NEW[0]['url']}",)):
        result = newsletter.run(*args)
        assert result.returncode == 1 and "no ledger yet" in result.stderr
        assert not newsletter.ledger.exists()
