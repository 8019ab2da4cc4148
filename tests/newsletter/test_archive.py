"""The public newsletter archive and the sign-up box: small sites built into tmp_path with a
ledger written here, checked on the parsed pages, feed, sitemap and search selection."""

import datetime
import json
import shutil

import feedparser
import pytest
from bs4 import BeautifulSoup
from htmlvalidate.test_valid_html import validate
from jinja2 import Environment, FileSystemLoader
from newsletter import archive_ledger, signup
from search.inputs import searchable
from sitetest import ROOT, build, html, write
from website.links import site_url

from commands.linkcheck.check import Site
from commands.newsletter.settings import DEFAULTS

SITE = "https://2i2c.org"
A, B, C = (f"{SITE}/blog/post-{x}/" for x in "abc")
GONE = f"{SITE}/blog/a-post-taken-down/"
MAILCHIMP_FORM = DEFAULTS["signup_url"]
BUTTONDOWN_FORM = "https://buttondown.com/api/emails/embed-subscribe/twoitwoc"
UTC = datetime.UTC


def campaigns():
    """Both channels, old (version 1) and new records: three issues went out."""
    mailchimp = {
        # version 1: no subject, issue or send_at
        "v1-sent": {
            "title": "2i2c weekly 2026-W10",
            "at": "2026-03-03T12:00:00+00:00",
            "posts": [A],
            "state": "sent",
        },
        "v1-scheduled": {
            "title": "2i2c weekly 2026-W12",
            "at": "2026-03-17T12:00:00+00:00",
            "posts": [B],
            "state": "schedule",
        },
        "new": {
            "title": "2i2c weekly 2026-W20",
            "subject": "2i2c weekly: Gamma post and 2 more",
            "issue": "2026-w20",
            "posts": [C, GONE, B],
            "state": "sent",
            "send_at": "2026-05-14T15:00:00Z",
        },
        "no-posts": {
            "title": "2i2c weekly 2026-W22",
            "at": "2026-05-26T12:00:00+00:00",
            "state": "sent",
        },
        "unfinished": {
            "title": "2i2c weekly 2026-W30",
            "at": "2026-07-21T12:00:00+00:00",
            "posts": [A],
            "state": "content",
        },
    }
    buttondown = {
        "bd-same-week": {
            "title": "2i2c weekly 2026-W20",
            "subject": "2i2c weekly (Buttondown)",
            "issue": "2026-w20",
            "posts": [A, C],
            "state": "sent",
            "send_at": "2026-05-14T15:00:00+00:00",
        },
        "bd-future": {
            "title": "2i2c weekly 2099-W10",
            "subject": "Not yet",
            "issue": "2099-w10",
            "posts": [A],
            "state": "scheduled",
            "send_at": "2099-03-05T15:00:00+00:00",
        },
        "bd-bad-date": {
            "title": "2i2c weekly 2026-W24",
            "subject": "Bad date",
            "issue": "2026-w24",
            "posts": [A],
            "state": "sent",
            "send_at": "next Thursday",
        },
    }
    return {"mailchimp": mailchimp, "buttondown": buttondown}


def write_ledger(path, records):
    channels = {name: {"announced": {}, "campaigns": found} for name, found in records.items()}
    channels["x"] = {
        "announced": {A: {"at": "2026-03-01T10:00:00+00:00", "how": "posted"}},
        "attempts": {},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "channels": channels}, indent=2), encoding="utf-8")
    return path


def make_content(root):
    for letter, title, date in (
        ("a", "Alpha post", "2026-01-05"),
        ("b", "Beta post", "2026-02-10"),
        ("c", "Gamma post", "2026-03-01"),
    ):
        write(
            root,
            f"blog/post-{letter}.md",
            f"---\ntitle: {title}\nslug: post-{letter}\ndate: {date}\n"
            f"tags: [news]\n---\n\nAll about the {title.lower()}.\n\nMore text.\n",
        )
    write(root, "pages/about.md", "---\ntitle: About\n---\nAbout us.\n")
    write(
        root, "pages/contact.md", "---\ntitle: Contact\n---\nWrite to us.\n"
    )  # the footer links here
    return root


def build_site(tmp_path, ledger=None, conf="publishconf.py", check=True, **newsletter):
    """Build the small site; ``ledger`` None: a ledger path where there is no file."""
    content = make_content(tmp_path / "content")
    path = ledger or tmp_path / "no-ledger-here" / "ledger.json"
    settings = {"NEWSLETTER": {"ledger": str(path), **newsletter}}
    result = build(content, tmp_path / "out", conf=conf, settings=settings, check=check)
    return tmp_path / "out", result


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("archive")
    out, result = build_site(tmp, write_ledger(tmp / "state" / "ledger.json", campaigns()))
    return out, result, tmp / "state" / "ledger.json"


def issue_rows(doc):
    return [
        (
            li.select_one("a").get_text(strip=True),
            li.select_one("a")["href"],
            li.select_one("time")["datetime"],
            li.select_one(".meta").get_text(" ", strip=True).split(" · ")[1],
        )
        for li in doc.select("main .issue-list li")
    ]


# --- the archive, built ------------------------------------------------------------------


def test_the_archive_lists_every_issue_that_went_out_newest_first(archive):
    out, _, _ = archive
    assert issue_rows(html(out / "newsletter" / "index.html")) == [
        (
            "2i2c weekly: Gamma post and 2 more",
            f"{SITE}/newsletter/2026-w20/",
            "2026-05-14T15:00:00+00:00",
            "4 posts",
        ),
        # version 1, scheduled: sent on the configured day (Thursday 15:00 UTC) of its week
        (
            "2i2c weekly 2026-W12",
            f"{SITE}/newsletter/2026-w12/",
            "2026-03-19T15:00:00+00:00",
            "1 post",
        ),
        (
            "2i2c weekly 2026-W10",
            f"{SITE}/newsletter/2026-w10/",
            "2026-03-03T12:00:00+00:00",
            "1 post",
        ),
    ]
    assert (
        html(out / "newsletter" / "index.html").select_one("main .issue-list time").get_text()
        == "May 14, 2026"
    )


def test_an_issue_sent_on_both_channels_is_one_page_with_every_post(archive):
    out, _, _ = archive
    doc = html(out / "newsletter" / "2026-w20" / "index.html")
    assert doc.select_one("main h1").get_text() == "2i2c weekly: Gamma post and 2 more"
    assert doc.select_one("main .issue-header time")["datetime"] == "2026-05-14T15:00:00+00:00"
    cards = doc.select("main .card")
    # Mailchimp's order (the first channel configured), then what only Buttondown listed
    assert [c.select_one(".card-title").get_text(strip=True) for c in cards] == [
        "Gamma post",
        GONE,
        "Beta post",
        "Alpha post",
    ]
    assert [
        c.select_one(".card-title a")["href"] if c.select_one(".card-title a") else None
        for c in cards
    ] == [C, None, B, A]
    assert cards[0].select_one(".summary").get_text() == "All about the gamma post."
    assert cards[0].select_one("time")["datetime"].startswith("2026-03-01")
    assert not doc.find("a", href=GONE)  # a post no longer on the site: its URL, as text
    assert "no longer on the site" in cards[1].get_text()


def test_unsent_future_and_broken_records_have_no_page(archive):
    out, _, _ = archive
    assert sorted(p.name for p in (out / "newsletter").iterdir()) == [
        "2026-w10",
        "2026-w12",
        "2026-w20",
        "atom.xml",
        "index.html",
    ]


def test_each_left_out_record_is_one_warning_naming_the_ledger(archive):
    _, result, ledger = archive
    lines = [line for line in result.stderr.splitlines() if str(ledger) in line]
    assert len(lines) == 2, result.stderr
    assert "mailchimp campaign no-posts has no usable 'posts'" in lines[0] + lines[1]
    assert "buttondown campaign bd-bad-date has no usable 'send_at'" in lines[0] + lines[1]
    assert "Traceback" not in result.stderr


def test_the_feed_has_one_entry_per_issue(archive):
    out, _, _ = archive
    feed = feedparser.parse(str(out / "newsletter" / "atom.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "2i2c newsletter" and feed.feed.link == f"{SITE}/newsletter/"
    assert [(e.title, e.link, e.id, e.published[:10]) for e in feed.entries] == [
        (
            "2i2c weekly: Gamma post and 2 more",
            f"{SITE}/newsletter/2026-w20/",
            f"{SITE}/newsletter/2026-w20/",
            "2026-05-14",
        ),
        (
            "2i2c weekly 2026-W12",
            f"{SITE}/newsletter/2026-w12/",
            f"{SITE}/newsletter/2026-w12/",
            "2026-03-19",
        ),
        (
            "2i2c weekly 2026-W10",
            f"{SITE}/newsletter/2026-w10/",
            f"{SITE}/newsletter/2026-w10/",
            "2026-03-03",
        ),
    ]
    listed = BeautifulSoup(feed.entries[0].summary, "lxml")
    assert [a["href"] for a in listed.select("li a")] == [C, B, A]
    assert [li.get_text() for li in listed.select("li")] == [
        "Gamma post",
        GONE,
        "Beta post",
        "Alpha post",
    ]
    for page in ("index.html", "2026-w20/index.html"):
        head = html(out / "newsletter" / page).select('head link[type="application/atom+xml"]')
        assert f"{SITE}/newsletter/atom.xml" in [link["href"] for link in head]


def test_archive_pages_are_in_the_sitemap_and_out_of_search(archive):
    out, _, _ = archive
    sitemap = (out / "sitemap.xml").read_text()
    for path in (
        "newsletter/",
        "newsletter/2026-w20/",
        "newsletter/2026-w12/",
        "newsletter/2026-w10/",
    ):
        assert f"<loc>{SITE}/{path}</loc>" in sitemap
    indexed = {path for pages in searchable(out).values() for path in pages}
    assert "blog/post-a/index.html" in indexed  # the selection does find pages
    assert not any(path.startswith("newsletter/") for path in indexed)


def test_every_page_is_valid_html_and_every_link_resolves(archive):
    out, _, _ = archive
    assert validate(out) == []
    assert list(Site(out, [SITE]).broken_links()) == []


def test_without_a_ledger_the_archive_says_nothing_went_out_yet(tmp_path):
    out, result = build_site(tmp_path)
    doc = html(out / "newsletter" / "index.html")
    assert "No issue has gone out yet" in doc.select_one("main").get_text()
    assert not doc.select("main .issue-list")
    # no feed either: it would have no entry, and the build's time as its date
    assert sorted(p.name for p in (out / "newsletter").iterdir()) == ["index.html"]
    assert not doc.select('a[href$="newsletter/atom.xml"], link[href$="newsletter/atom.xml"]')
    assert list(Site(out, [SITE]).broken_links()) == []
    assert "warning" not in result.stderr


def test_an_unreadable_ledger_stops_the_build_with_its_line(tmp_path):
    ledger = tmp_path / "state" / "ledger.json"
    ledger.parent.mkdir()
    ledger.write_text('{"version": 1,\n "channels": {\n  "mailchimp": {,}\n }\n}\n')
    _, result = build_site(tmp_path, ledger, check=False)
    assert result.returncode != 0
    assert f"{ledger}:3: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_build_has_the_archive_without_a_feed(tmp_path):
    ledger = write_ledger(tmp_path / "state" / "ledger.json", campaigns())
    out, _ = build_site(tmp_path, ledger, conf="pelicanconf.py")
    doc = html(out / "newsletter" / "2026-w20" / "index.html")
    assert [a["href"] for a in doc.select("main .card-title a")] == [
        "/blog/post-c/",
        "/blog/post-b/",
        "/blog/post-a/",
    ]
    assert not (out / "newsletter" / "atom.xml").exists()
    assert not html(out / "newsletter" / "index.html").select(
        'a[href$="atom.xml"], link[href$="atom.xml"]'
    )
    assert list(Site(out).broken_links()) == []


def test_the_archive_folder_is_a_setting(tmp_path):
    ledger = write_ledger(tmp_path / "state" / "ledger.json", campaigns())
    out, _ = build_site(tmp_path, ledger, archive="past-issues")
    assert not (out / "newsletter").exists()
    assert (out / "past-issues" / "2026-w20" / "index.html").is_file()
    about = html(out / "about" / "index.html")
    assert (
        about.select_one("footer.site-footer nav").find("a", string="Newsletter archive")["href"]
        == f"{SITE}/past-issues/"
    )
    assert (
        about.select_one(".newsletter-footer").find("a", string="Read past issues")["href"]
        == f"{SITE}/past-issues/"
    )
    assert list(Site(out, [SITE]).broken_links()) == []


def test_a_changed_ledger_changes_the_archive_in_the_next_build(tmp_path):
    """Builds keep pages whose content did not change (fastbuild): the ledger counts too."""
    ledger = tmp_path / "state" / "ledger.json"
    first = campaigns()
    del first["mailchimp"]["new"], first["buttondown"]["bd-same-week"]
    write_ledger(ledger, first)
    out, _ = build_site(tmp_path, ledger)
    assert [row[0] for row in issue_rows(html(out / "newsletter" / "index.html"))] == [
        "2i2c weekly 2026-W12",
        "2i2c weekly 2026-W10",
    ]
    shutil.rmtree(tmp_path / "content")
    write_ledger(ledger, campaigns())
    out, _ = build_site(tmp_path, ledger)
    assert [row[0] for row in issue_rows(html(out / "newsletter" / "index.html"))] == [
        "2i2c weekly: Gamma post and 2 more",
        "2i2c weekly 2026-W12",
        "2i2c weekly 2026-W10",
    ]
    assert (out / "newsletter" / "2026-w20" / "index.html").is_file()


# --- reading the ledger ------------------------------------------------------------------

CONF = {**DEFAULTS}
NOW = datetime.datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "record,issue",
    [
        ({"issue": "2026-w48"}, "2026-w48"),
        ({"issue": "2026-W48", "title": "2i2c weekly 2025-W01"}, "2026-w48"),
        ({"title": "2i2c weekly 2026-W48"}, "2026-w48"),
        ({"title": "2i2c weekly 2026-W5"}, "2026-w05"),
        ({"title": "2i2c weekly"}, None),
        ({"title": "2i2c weekly 2026-W54"}, None),
        ({"issue": "../../etc"}, None),
        ({}, None),
    ],
)
def test_issue_of_a_record(record, issue):
    assert archive_ledger.issue_of(record) == issue


@pytest.mark.parametrize(
    "change,field",
    [
        ({"posts": "https://2i2c.org/blog/x/"}, "posts"),
        ({"posts": [None]}, "posts"),
        ({"state": None}, "state"),
        ({"issue": "week 48"}, "issue"),
        ({"title": None}, "title"),
        ({"send_at": "soon"}, "send_at"),
        ({"at": "yesterday"}, "send_at"),
    ],
)
def test_a_record_with_a_wrong_field_is_named(change, field):
    record = {
        "title": "2i2c weekly 2026-W10",
        "at": "2026-03-03T12:00:00+00:00",
        "posts": [A],
        "state": "sent",
    }
    record.update(change)
    if change.get("title", "") is None:
        del record["title"]
    warnings = []
    data = {"channels": {"mailchimp": {"campaigns": {"c1": record}}}}
    assert (
        archive_ledger.issues(
            data, CONF, NOW, "ledger.json", lambda *a: warnings.append(a[0] % a[1:])
        )
        == []
    )
    assert warnings == [
        f"ledger.json: mailchimp campaign c1 has no usable {field!r}; "
        "it is left out of the newsletter archive"
    ]


def test_the_configured_email_channel_orders_a_shared_issue():
    data = {"channels": {name: {"campaigns": found} for name, found in campaigns().items()}}
    conf = {**CONF, "channels": ["buttondown", "x"]}
    shown = archive_ledger.issues(data, conf, NOW, "ledger.json", lambda *a: None)
    assert [(i.issue, i.subject, i.posts) for i in shown][0] == (
        "2026-w20",
        "2i2c weekly (Buttondown)",
        [A, C, GONE, B],
    )


@pytest.mark.parametrize(
    "state,send_at,shown",
    [
        ("sent", "2026-05-31T15:00:00Z", True),
        ("sending", "2026-05-31T15:00:00Z", True),
        ("scheduled", "2026-05-31T23:45:00+00:00", True),
        ("scheduled", "2026-06-01T00:15:00+00:00", False),  # a quarter of an hour after NOW
        ("schedule", "2026-06-01T00:00:00", True),  # naive times are UTC
        ("created", "2026-05-01T15:00:00Z", False),
        ("content", "2026-05-01T15:00:00Z", False),
    ],
)
def test_an_issue_is_shown_once_it_reached_subscribers(state, send_at, shown):
    record = {"issue": "2026-w22", "subject": "S", "posts": [A], "state": state, "send_at": send_at}
    data = {"channels": {"buttondown": {"campaigns": {"b": record}}}}
    assert bool(archive_ledger.issues(data, CONF, NOW, "ledger.json", no_warning)) is shown


def no_warning(message, *args):
    raise AssertionError(message % args)


# --- the sign-up box ---------------------------------------------------------------------


def boxes(out):
    """Every sign-up box of the home page, a post and another page, by where it is."""
    home, post, about = (html(out / p / "index.html") for p in ("", "blog/post-a", "about"))
    return {
        "home": home.select_one("main .newsletter"),
        "post": post.select_one("main .post-footer .newsletter"),
        "footer": about.select_one("footer.site-footer .newsletter"),
        "post footer": post.select_one("footer.site-footer .newsletter"),
    }


def test_every_sign_up_box_posts_to_mailchimp_and_promises_the_send_day(archive):
    out, _, _ = archive
    for where, box in boxes(out).items():
        assert box is not None, where
        form = box.select_one("form")
        assert (form["action"], form["method"]) == (MAILCHIMP_FORM, "post"), where
        email = form.select_one('input[type="email"]')
        assert email["name"] == "EMAIL" and email.has_attr("required")
        assert (
            form.select_one(f'label[for="{email["id"]}"]').get_text(strip=True) == "Email address"
        )
        assert [i["name"] for i in form.select('input[type="text"]')] == [
            "b_1a6d6b1d1c2a5d6e8a0b1f6c2_1b1e5c1f8a"
        ]
        text = box.get_text(" ", strip=True)
        assert "every Thursday" in text and "once a month" not in text, where
    for page in ("", "blog/post-a"):  # two boxes on one page: distinct ids
        ids = [tag["id"] for tag in html(out / page / "index.html").select("[id]")]
        assert len(ids) == len(set(ids))


def test_the_box_names_the_day_the_newsletter_is_sent(tmp_path):
    out, _ = build_site(tmp_path, send_day="tuesday")
    for where, box in boxes(out).items():
        text = box.get_text(" ", strip=True)
        assert "every Tuesday" in text and "Thursday" not in text, where


def render_box(conf):
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["site_url"] = site_url
    page = env.get_template("includes/newsletter.html").render(
        NEWSLETTER_SIGNUP=signup.form(conf), SITEURL=SITE
    )
    return BeautifulSoup(page, "lxml")


def test_with_buttondown_the_form_posts_to_its_embed_endpoint():
    conf = {
        **DEFAULTS,
        "channels": ["buttondown", "x"],
        "signup_url": BUTTONDOWN_FORM,
        "send_day": "friday",
    }
    assert signup.problems(conf) == []
    box = render_box(conf)
    form = box.select_one("form")
    assert (form["action"], form["method"]) == (BUTTONDOWN_FORM, "post")
    assert [(i["type"], i["name"], i.get("value")) for i in form.select("input")] == [
        ("email", "email", None),
        ("hidden", "embed", "1"),
    ]
    assert "every Friday" in box.get_text(" ", strip=True)
    assert box.find("a", string="Read past issues")["href"] == f"{SITE}/newsletter/"


@pytest.mark.parametrize(
    "change,problem",
    [
        (
            {"channels": ["buttondown"]},
            "signup_url must be Buttondown's form address, "
            "https://buttondown.com/api/emails/embed-subscribe/USERNAME",
        ),
        ({"signup_url": BUTTONDOWN_FORM}, "signup_url must be Mailchimp's form address"),
        (
            {"signup_url": MAILCHIMP_FORM.replace("https:", "http:")},
            "signup_url must be Mailchimp's form address",
        ),
        ({"signup_url": None}, "signup_url must be Mailchimp's form address"),
        ({"archive": "../elsewhere"}, "archive must be a folder name like 'newsletter'"),
        ({"archive": ""}, "archive must be a folder name"),
        ({"archive": "news letter"}, "archive must be a folder name"),
        ({"archive": 7}, "archive must be a folder name"),
    ],
)
def test_wrong_archive_or_signup_url_is_named(change, problem):
    found = signup.problems({**DEFAULTS, **change})
    assert len(found) == 1 and found[0].startswith(problem), found


@pytest.mark.parametrize(
    "setting,line",
    [
        (
            {"signup_url": "https://example.org/subscribe"},
            "newsletter: NEWSLETTER: signup_url must be Mailchimp's form "
            "address, https://<dc>.list-manage.com/subscribe/post?u=...&id=... (the newsletter goes out on Mailchimp), "
            "not 'https://example.org/subscribe'",
        ),
        (
            {"archive": "../elsewhere"},
            "newsletter: NEWSLETTER: archive must be a folder name like 'newsletter', "
            "not '../elsewhere'",
        ),
    ],
)
def test_a_wrong_site_setting_stops_the_build_with_one_line(tmp_path, setting, line):
    _, result = build_site(tmp_path, check=False, **setting)
    assert result.returncode != 0
    assert [
        problem for problem in result.stderr.splitlines() if problem.startswith("newsletter:")
    ] == [line]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_the_old_mailchimp_setting_says_where_it_went(tmp_path):
    content = make_content(tmp_path / "content")
    result = build(content, tmp_path / "out", settings={"MAILCHIMP_SUBSCRIBE_URL": MAILCHIMP_FORM})
    assert result.returncode != 0
    assert (
        "newsletter: MAILCHIMP_SUBSCRIBE_URL is now NEWSLETTER['signup_url']: move the address there"
        in result.stderr
    )
