"""A real Pelican publish build of a small site, then ``invoke newsletter`` on what it wrote."""

import shutil

from bs4 import BeautifulSoup
from newsletter_support import (  # noqa: F401  (fixtures)
    assert_no_secrets,
    hrefs,
    mailchimp,
    newsletter,
    x,
)
from sitetest import FIXTURES, build

NEW_POST = """---
title: "Cloud costs, explained for research teams"
date: 2024-11-03
authors: [jane-doe]
tags: [cloud]
---

What a hub costs to run, and who pays for which part.
"""


def test_built_feed_to_scheduled_campaign_and_x_posts(tmp_path, newsletter, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "newsletter", content)
    newsletter.feed = None  # read the build's own feed: blog/atom.xml under OUTPUT_PATH
    for (
        key,
        value,
    ) in newsletter.env().items():  # the build sees the credentials and the fakes' addresses
        monkeypatch.setenv(key, value)
    build(content, newsletter.output, check=True)
    assert newsletter.mailchimp.log == [] and newsletter.x.log == []  # the build never calls them

    first = newsletter.run("--send")
    assert first.returncode == 0, first.stderr
    assert "First run: recorded the 1 posts already published" in first.stdout

    (content / "blog" / "cloud-costs.md").write_text(NEW_POST, encoding="utf-8")
    build(content, newsletter.output, check=True)
    assert newsletter.mailchimp.log == [] and newsletter.x.log == []
    assert_no_secrets(
        f.read_text(errors="replace") for f in newsletter.output.rglob("*") if f.is_file()
    )
    dry = newsletter.run()
    assert "2i2c weekly: Cloud costs, explained for research teams" in dry.stdout
    assert "https://2i2c.org/blog/cloud-costs-explained-for-research-teams/" in dry.stdout
    result = newsletter.run("--send")
    assert result.returncode == 0, result.stderr

    [campaign] = newsletter.mailchimp.campaigns.values()
    assert campaign["status"] == "schedule"
    url = "https://2i2c.org/blog/cloud-costs-explained-for-research-teams/"
    soup = BeautifulSoup(campaign["content"]["html"], "lxml")
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert url in links and "*|UNSUB|*" in links
    assert all(h.startswith("https://") for h in links - {"*|UNSUB|*"})
    assert all("style" in el.attrs for el in soup.find_all(["td", "h2", "a"]))
    assert "Cloud costs, explained for research teams" in soup.h2.get_text()
    text = campaign["content"]["plain_text"]
    assert [line for line in text.splitlines() if line.startswith("https://2i2c.org/blog/")] == [
        url
    ]
    assert "*|UNSUB|*" in text
    # Drafts, future posts and the archive reach nobody.
    for absent in (
        "a-draft-nobody-should-receive",
        "a-post-dated-in-the-future",
        "hubs-for-a-semester-long-course",
    ):
        assert not any(absent in h for h in hrefs(campaign["content"]["html"]))
        assert not any(absent in p["text"] for p in newsletter.x.posts)
    assert [p["text"] for p in newsletter.x.posts] == [
        f"Cloud costs, explained for research teams {url}"
    ]
    assert_no_secrets(newsletter.outputs)


def test_a_bad_newsletter_setting_fails_the_build_with_the_plugin_name(tmp_path):
    result = build(
        FIXTURES / "newsletter", tmp_path / "out", settings={"NEWSLETTER": {"send_time": "15:07"}}
    )
    assert result.returncode != 0
    assert (
        "newsletter: NEWSLETTER: send_time must be HH:MM in UTC on a quarter hour"
        in result.stdout + result.stderr
    )
