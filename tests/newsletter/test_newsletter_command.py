"""``invoke newsletter`` against local fakes of Mailchimp and X, through the real clients.

Each scenario: a first run records the archive, new posts appear, something goes wrong,
then a normal run; afterwards every new post is in exactly one sent-or-scheduled campaign
and exactly one X post, and no secret was printed.
"""

import json
import time

import pytest
from newsletter_support import (  # noqa: F401  (fixtures)
    SECRETS,
    SPECS,
    FakeMailchimp,
    FakeX,
    Newsletter,
    assert_exactly_once,
    assert_no_secrets,
    mailchimp,
    newsletter,
    post,
    write_atom,
    x,
)
from twitter_text import parse_tweet

OLD = [post("old-news", date="2026-10-01"), post("older-news", date="2026-09-01")]
NEW = [
    post(
        "jupyterhub-for-a-new-hub",
        "A new hub for a research community",
        date="2026-11-10",
        tags=("blog", "open science"),
    ),
    post("cloud-costs", "What a cloud hub costs", date="2026-11-12"),
    post("team-update", "Team update for November", date="2026-11-14"),
]


@pytest.fixture(scope="module")
def archive_ledger(tmp_path_factory):
    """The ledger a real first run writes for the OLD posts (made once; each test starts from a copy)."""
    mailchimp = FakeMailchimp(SPECS / "mailchimp-marketing-subset.json", "-", "-")
    x = FakeX(SPECS / "x-api-v2-tweets-subset.json", "-", "-", "-", "-")
    try:
        runner = Newsletter(tmp_path_factory.mktemp("archive"), mailchimp, x)
        write_atom(runner.feed, OLD)
        result = runner.run("--send")
        assert result.returncode == 0, result.stderr
        assert "First run: recorded the 2 posts already published" in result.stdout
        assert mailchimp.log == [] and x.log == []
        return runner.ledger.read_bytes()
    finally:
        mailchimp.close()
        x.close()


@pytest.fixture
def first_run(newsletter, archive_ledger):
    """After the first run: the OLD posts are recorded, then NEW ones are published."""
    newsletter.ledger.parent.mkdir(parents=True)
    newsletter.ledger.write_bytes(archive_ledger)
    write_atom(newsletter.feed, OLD + NEW)


def writes(fake):
    return [entry for entry in fake.log if entry[1] != "GET"]


def test_first_run_records_archive_and_contacts_nothing(newsletter):
    write_atom(newsletter.feed, OLD)
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    assert "First run: recorded the 2 posts already published as announced" in result.stdout
    assert newsletter.mailchimp.log == [] and newsletter.x.log == []
    ledger = json.loads(newsletter.ledger.read_text())
    assert ledger["version"] == 2
    assert set(ledger["channels"]["x"]["announced"]) == {p["url"] for p in OLD}
    assert set(ledger["channels"]["mailchimp"]["announced"]) == {p["url"] for p in OLD}


def test_send_schedules_one_campaign_and_posts_each_new_post_then_a_quiet_week(
    newsletter, first_run
):
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    campaigns = list(newsletter.mailchimp.campaigns.values())
    assert len(campaigns) == 1
    campaign = campaigns[0]
    assert campaign["status"] == "schedule"
    settings = campaign["settings"]
    assert settings["subject_line"] == "2i2c weekly: Team update for November and 2 more"
    assert settings["title"].startswith("2i2c weekly 20") and "-W" in settings["title"]
    assert settings["from_name"] == "2i2c" and settings["reply_to"] == "hello@2i2c.org"
    when = campaign["send_time"]
    assert when.endswith("15:00:00+00:00")
    assert [t["text"].split()[-1] for t in newsletter.x.posts] == [
        p["url"] for p in NEW
    ]  # oldest first
    assert_exactly_once(newsletter, NEW, OLD)

    before = len(writes(newsletter.mailchimp)), len(writes(newsletter.x))
    again = newsletter.run("--send")
    assert again.returncode == 0, again.stderr
    assert "no new posts" in again.stdout
    assert (len(writes(newsletter.mailchimp)), len(writes(newsletter.x))) == before
    assert_exactly_once(newsletter, NEW, OLD)


def test_now_sends_at_once_and_late_dated_post_goes_in_next_newsletter(newsletter, first_run):
    assert newsletter.run("--send", "--now").returncode == 0
    assert [c["status"] for c in newsletter.mailchimp.campaigns.values()] == ["sent"]
    # Merged after that newsletter but dated before it, and an old post retitled: only the new URL goes out.
    late = post("late-but-new", "Dated last month, merged today", date="2026-10-05")
    retitled = dict(NEW[0], title="A new hub for a research community (updated)")
    write_atom(newsletter.feed, OLD + [retitled] + NEW[1:] + [late])
    result = newsletter.run("--send", "--now")
    assert result.returncode == 0, result.stderr
    assert len(newsletter.mailchimp.campaigns) == 2
    assert_exactly_once(newsletter, NEW + [late], OLD)


def test_dry_run_contacts_nothing_changes_nothing_and_needs_no_credentials(newsletter, first_run):
    ledger_before = newsletter.ledger.read_bytes()
    result = newsletter.run(env=newsletter.env(secrets=False))
    assert result.returncode == 0, result.stderr
    assert newsletter.mailchimp.log == [] and newsletter.x.log == []
    assert newsletter.ledger.read_bytes() == ledger_before
    assert "2i2c weekly: Team update for November and 2 more" in result.stdout
    for p in NEW:
        assert p["url"] in result.stdout
    assert (
        newsletter.output / "newsletter-preview" / "preview.html"
    ).exists()  # beside the archive, not in it
    text = (newsletter.output / "newsletter-preview" / "preview.txt").read_text()
    assert all(p["url"] in text for p in NEW) and not any(p["url"] in text for p in OLD)
    with_secrets = newsletter.run()
    assert "<hidden>" in with_secrets.stdout
    assert_no_secrets(newsletter.outputs)


def test_test_email_marks_nothing_and_send_resumes_the_same_campaign(newsletter, first_run):
    result = newsletter.run("--test-to", "a@example.org,b@example.org")
    assert result.returncode == 0, result.stderr
    assert newsletter.mailchimp.tests == [("c0001", ["a@example.org", "b@example.org"])]
    assert newsletter.x.posts == []
    assert newsletter.mailchimp.campaigns["c0001"]["status"] == "save"
    assert newsletter.run("--send").returncode == 0
    assert list(newsletter.mailchimp.campaigns) == ["c0001"]
    assert_exactly_once(newsletter, NEW, OLD)


def test_backfill_marks_without_sending(newsletter, first_run):
    result = newsletter.run("--backfill", "--channel", "x")
    assert result.returncode == 0, result.stderr
    assert newsletter.x.log == [] and newsletter.mailchimp.log == []
    assert newsletter.run("--send").returncode == 0
    assert newsletter.x.posts == []
    assert len(newsletter.mailchimp.campaigns) == 1


KILL_POINTS = [
    "mailchimp:created",
    "mailchimp:recorded",
    "mailchimp:content",
    "mailchimp:scheduled",
    "mailchimp:done",
    "x:posted:1",
    "x:recorded:1",
    "x:posted:2",
    "x:recorded:2",
    "x:posted:3",
]


@pytest.mark.parametrize("step", KILL_POINTS)
def test_killed_at_any_step_the_next_run_finishes_without_duplicates(newsletter, step, first_run):
    # Someone's own draft with a similar title is never taken over.
    newsletter.mailchimp.campaigns["human"] = {
        "id": "human",
        "type": "regular",
        "status": "save",
        "create_time": "2026-11-01T00:00:00+00:00",
        "recipients": {"list_id": SECRETS["MAILCHIMP_LIST_ID"]},
        "content": {"html": "<p>mine</p>"},
        "settings": {"title": "2i2c weekly special", "subject_line": "Mine"},
        "send_time": "",
    }
    killed = newsletter.run("--send", env=newsletter.env(NEWSLETTER_TEST_KILL_AT=step))
    assert killed.returncode == -9, killed.stdout + killed.stderr
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    assert_exactly_once(newsletter, NEW, OLD)
    assert len(newsletter.mailchimp.campaigns) == 2
    assert newsletter.mailchimp.campaigns["human"]["settings"] == {
        "title": "2i2c weekly special",
        "subject_line": "Mine",
    }


def test_429_with_retry_after_is_honoured(newsletter, first_run):
    newsletter.mailchimp.fault(
        "POST", "/campaigns", "status", times=1, status=429, headers={"Retry-After": "1"}
    )
    reset = str(int(time.time()) + 2)
    newsletter.x.fault(
        "POST", "/2/tweets", "status", times=1, status=429, headers={"x-rate-limit-reset": reset}
    )
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    creates = newsletter.mailchimp.calls("POST", "/campaigns")
    creates = [c for c in creates if c[2] == "/campaigns"]
    assert [c[3] for c in creates] == [429, 200]
    assert creates[1][0] - creates[0][0] >= 0.9
    tweets = newsletter.x.calls("POST", "/2/tweets")
    assert tweets[0][3] == 429 and tweets[1][0] >= int(reset) - time.time() + tweets[0][0] - 1
    assert_exactly_once(newsletter, NEW, OLD)


def test_persistent_500s_stop_with_a_clear_message_and_the_next_run_finishes(newsletter, first_run):
    newsletter.mailchimp.fault("PUT", "/content", "status", times=100, status=500)
    newsletter.x.fault("POST", "/2/tweets", "status", times=100, status=503)
    failed = newsletter.run("--send")
    assert failed.returncode == 1
    assert "mailchimp: upload content: still failing (HTTP 500) after 4 attempts" in failed.stderr
    assert "x: post: still failing (HTTP 503) after 4 attempts" in failed.stderr
    assert "Traceback" not in failed.stderr
    newsletter.mailchimp.faults.clear()
    newsletter.x.faults.clear()
    assert newsletter.run("--send").returncode == 0
    assert_exactly_once(newsletter, NEW, OLD)


@pytest.mark.parametrize(
    "method,part",
    [
        ("POST", "/campaigns"),
        ("PUT", "/content"),
        ("POST", "/actions/schedule"),
        ("POST", "/2/tweets"),
    ],
)
def test_answer_slower_than_the_timeout_after_the_change_happened(
    newsletter, method, part, first_run
):
    fake = newsletter.x if part.startswith("/2/") else newsletter.mailchimp
    fake.fault(method, part, "slow", delay=1.5, after=True)
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    assert "timeout" in result.stdout + result.stderr
    assert_exactly_once(newsletter, NEW, OLD)
    assert len(newsletter.mailchimp.campaigns) == 1


@pytest.mark.parametrize(
    "method,part,after",
    [
        ("GET", "/campaigns", False),
        ("POST", "/campaigns", True),
        ("POST", "/actions/schedule", True),
        ("POST", "/2/tweets", True),
        ("POST", "/2/tweets", False),
    ],
)
def test_dropped_connections(newsletter, method, part, after, first_run):
    fake = newsletter.x if part.startswith("/2/") else newsletter.mailchimp
    fake.fault(method, part, "drop", after=after)
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr
    assert any(entry[3] == "dropped" for entry in fake.log)
    assert_exactly_once(newsletter, NEW, OLD)
    assert len(newsletter.mailchimp.campaigns) == 1


def test_bad_api_key_and_unknown_audience_stop_at_once_with_what_to_fix(newsletter, first_run):
    bad_key = newsletter.run(
        "--send",
        "--channel",
        "mailchimp",
        env=newsletter.env(MAILCHIMP_API_KEY="0123456789wrongkey0123456789-us21"),
    )
    assert bad_key.returncode == 1
    assert "HTTP 401" in bad_key.stderr and "check MAILCHIMP_API_KEY" in bad_key.stderr
    assert "0123456789wrongkey" not in bad_key.stdout + bad_key.stderr
    assert len(newsletter.mailchimp.log) == 1  # no retries for what retrying cannot fix
    unknown = newsletter.run(
        "--send", "--channel", "mailchimp", env=newsletter.env(MAILCHIMP_LIST_ID="nosuchlist")
    )
    assert unknown.returncode == 1 and "check MAILCHIMP_LIST_ID" in unknown.stderr
    assert newsletter.mailchimp.campaigns == {}
    bad_x = newsletter.run(
        "--send", "--channel", "x", env=newsletter.env(X_ACCESS_TOKEN_SECRET="wrongsecret")
    )
    assert (
        bad_x.returncode == 1
        and "HTTP 401" in bad_x.stderr
        and "X_ACCESS_TOKEN_SECRET" in bad_x.stderr
    )
    assert newsletter.x.posts == [] and "wrongsecret" not in bad_x.stdout + bad_x.stderr
    missing = newsletter.run("--send", env=newsletter.env(secrets=False))
    assert missing.returncode == 1 and "MAILCHIMP_API_KEY, MAILCHIMP_LIST_ID" in missing.stderr
    assert "X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET" in missing.stderr
    assert newsletter.run("--send").returncode == 0
    assert_exactly_once(newsletter, NEW, OLD)


def test_a_post_already_on_x_but_not_by_this_tool_stops_with_what_to_do(newsletter, first_run):
    newsletter.x.posts.append(
        {"id": "1", "text": f"{NEW[0]['title']} {NEW[0]['url']}", "edit_history_tweet_ids": ["1"]}
    )
    result = newsletter.run("--send", "--channel", "x")
    assert result.returncode == 1
    assert "already posted, but not by this tool" in result.stderr
    assert f"--channel x --backfill={NEW[0]['url']}" in result.stderr
    assert len(newsletter.x.posts) == 1
    marked = newsletter.run("--channel", "x", f"--backfill={NEW[0]['url']}")
    assert marked.returncode == 0 and "marked 1 post(s) as announced on x" in marked.stdout
    assert newsletter.run("--send").returncode == 0
    assert_exactly_once(newsletter, NEW, OLD)  # the hand-made post counts as the one X post
    wrong = newsletter.run("--backfill=https://2i2c.org/blog/no-such-post/")
    assert (
        wrong.returncode == 1
        and "--backfill: not in the feed: https://2i2c.org/blog/no-such-post/" in wrong.stderr
    )


def test_two_runs_at_once_the_second_waits_then_finds_nothing_to_do(newsletter, first_run):
    newsletter.mailchimp.fault("GET", "/lists/", "slow", delay=1.0)
    conf = newsletter.conf(lock_wait=20, timeout=10)
    runs = [newsletter.start("--send", conf=conf) for _ in range(2)]
    results = [newsletter.finish(r) for r in runs]
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert any("waiting" in r.stdout for r in results)
    assert_exactly_once(newsletter, NEW, OLD)
    assert len(newsletter.mailchimp.campaigns) == 1


def test_two_runs_at_once_without_waiting_the_second_exits_cleanly(newsletter, first_run):
    newsletter.mailchimp.fault("GET", "/lists/", "slow", delay=3.0)
    conf = newsletter.conf(lock_wait=0, timeout=10)
    first = newsletter.start("--send", conf=conf)
    deadline = time.monotonic() + 30
    while (
        "GET",
        f"/lists/{SECRETS['MAILCHIMP_LIST_ID']}",
    ) not in newsletter.mailchimp.received and time.monotonic() < deadline:
        time.sleep(0.05)  # the first run holds the lock once it talks to Mailchimp
    second = newsletter.finish(newsletter.start("--send", conf=conf))
    assert second.returncode == 75
    assert "another newsletter run is working" in second.stderr
    assert newsletter.finish(first).returncode == 0
    assert newsletter.run("--send").returncode == 0
    assert_exactly_once(newsletter, NEW, OLD)


def test_lost_ledger_commit_neither_mails_nor_posts_twice(newsletter, first_run, archive_ledger):
    assert newsletter.run("--send").returncode == 0
    newsletter.ledger.write_bytes(archive_ledger)  # as if last week's ledger had never been saved
    result = newsletter.run("--send")
    assert result.returncode == 1
    assert "missing from the ledger; recorded its 3 post(s)" in result.stderr
    assert "already posted, but not by this tool" in result.stderr  # X refuses the same text again
    assert (
        newsletter.run("--backfill", "--channel", "x").returncode == 0
    )  # all of them were posted last week
    assert newsletter.run("--send").returncode == 0
    assert_exactly_once(newsletter, NEW, OLD)
    assert len(newsletter.mailchimp.campaigns) == 1


def test_a_bad_setting_names_the_file_and_line(newsletter, first_run):
    conf = newsletter.conf(send_day="someday", timeout=-1)
    line = next(
        n
        for n, text in enumerate(conf.read_text().splitlines(), 1)
        if text.startswith("NEWSLETTER = ")
    )
    result = newsletter.run("--send", conf=conf)
    assert result.returncode == 1
    lines = [text for text in result.stderr.splitlines() if text.startswith("error: ")]
    assert len(lines) == 2, result.stderr
    assert all(f"{conf}:{line}: newsletter: NEWSLETTER: " in text for text in lines), result.stderr
    assert "send_day must be one of monday" in lines[0] and "timeout must be a number" in lines[1]
    assert newsletter.mailchimp.log == [] and newsletter.x.log == []


def test_hashtags_from_settings_and_tags_within_280(newsletter, first_run):
    long_title = "A very long title about " + "research hubs and communities " * 12
    write_atom(
        newsletter.feed,
        OLD
        + NEW
        + [
            post(
                "long-one",
                long_title.strip(),
                date="2026-11-15",
                tags=("blog", "open science", "cloud costs"),
            )
        ],
    )
    conf = newsletter.conf(hashtags=["2i2c"], hashtags_from_tags=True, channels=["x"])
    result = newsletter.run("--send", conf=conf)
    assert result.returncode == 0, result.stderr
    texts = {t["text"].split(" https://")[0]: t["text"] for t in newsletter.x.posts}
    assert texts[NEW[0]["title"]].endswith(
        f"{NEW[0]['url']} #2i2c #OpenScience"
    )  # "blog" is the default category
    assert texts[NEW[1]["title"]].endswith(f"{NEW[1]['url']} #2i2c")
    [long_post] = [t for t in newsletter.x.posts if "long-one" in t["text"]]
    assert parse_tweet(long_post["text"]).weightedLength <= 280
    assert "\u2026 https://2i2c.org/blog/long-one/" in long_post["text"]  # title cut, URL whole
    assert newsletter.mailchimp.log == []  # channels: x only


def test_a_broken_settings_file_names_its_line(newsletter, first_run):
    conf = newsletter.conf()
    conf.write_text(conf.read_text() + "NEWSLETTER['from_name'] = undefined_name\n")
    result = newsletter.run("--send", conf=conf)
    last = len(conf.read_text().splitlines())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {conf}:{last}: NameError: name 'undefined_name' is not defined" in result.stderr


def test_killed_right_after_sending_now_the_next_run_does_not_send_again(newsletter, first_run):
    killed = newsletter.run(
        "--send", "--now", env=newsletter.env(NEWSLETTER_TEST_KILL_AT="mailchimp:scheduled")
    )
    assert killed.returncode == -9
    result = newsletter.run("--send", "--now")
    assert result.returncode == 0, result.stderr
    assert "was already sent by an earlier run" in result.stdout
    assert [c["status"] for c in newsletter.mailchimp.campaigns.values()] == ["sent"]
    assert len(newsletter.mailchimp.calls("POST", "/actions/send")) == 1
    assert_exactly_once(newsletter, NEW, OLD)
