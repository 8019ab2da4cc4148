"""The open_jobs and job_details handlers, called as the shortcode engine calls them."""

import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from careers import catalog, shortcodes
from careers.config import careers_settings
from frontmatter.plugin import add_reader
from pelican import signals
from pelican.settings import read_settings
from sitetest import FIXTURES, ROOT, html

CONTENT = FIXTURES / "team" / "content"


@pytest.fixture
def out(team_site):
    return team_site


@pytest.fixture
def settings():
    settings = read_settings(
        str(ROOT / "publishconf.py"), override={"PATH": str(CONTENT), "THEME": str(ROOT / "theme")}
    )
    settings["CAREERS"] = careers_settings(settings)  # as the plugin does at initialized
    catalog.start(settings, settings["CAREERS"])
    signals.readers_init.connect(add_reader)  # the front matter reader, as in a build
    yield settings
    signals.readers_init.disconnect(add_reader)
    catalog.CURRENT["catalog"] = None


def call(settings, relpath, metadata):
    page = SimpleNamespace(metadata=metadata, relpath=relpath, source_path=str(CONTENT / relpath))
    return SimpleNamespace(
        name="x", args=[], params={}, inner=None, page=page, line=1, settings=settings
    )


def test_job_details_is_the_card_of_the_posting_page(out, settings):
    # the front matter of jobs/2024/engineer.md as the reader maps it
    meta = {
        "title": "Open Source Infrastructure Engineer",
        "open": True,
        "role": "Open Source Infrastructure Engineer",
        "level": 2,
        "location": "Remote, overlapping with US Pacific working hours",
        "deadline": "2030-01-31",
        "url_apply": "https://apply.example.org/engineer",
        "work_description": [
            "Run cloud infrastructure for research hubs",
            "Improve open source tools upstream",
        ],
        "date": datetime.datetime(2024, 5, 1),
    }
    card = BeautifulSoup(
        shortcodes.job_details(call(settings, "jobs/2024/engineer.md", meta)), "lxml"
    ).select_one(".job-details")
    page_card = html(out / "jobs/2024/engineer/index.html").select_one(".job-details")
    assert " ".join(card.get_text(" ").split()) == " ".join(page_card.get_text(" ").split())
    assert [a["href"] for a in card.find_all("a")] == [a["href"] for a in page_card.find_all("a")]
    assert card.select_one(".job-salary").contents[0].strip() == "$120,000 - $131,000"


def test_open_jobs_lists_the_cards_of_jobs_page(out, settings):
    cards = BeautifulSoup(
        shortcodes.open_jobs(call(settings, "pages/hiring.md", {"title": "Hiring"})), "lxml"
    )
    on_jobs = html(out / "jobs/index.html").select_one(".job-cards")
    assert [c.h3.get_text(strip=True) for c in cards.select(".job-card")] == [
        "Technical Writer",
        "Open Source Infrastructure Engineer",
    ]
    assert " ".join(cards.get_text(" ").split()) == " ".join(on_jobs.get_text(" ").split())


def test_open_jobs_inside_a_posting_is_refused(settings):
    catalog.current().loading = True
    with pytest.raises(ValueError, match="a posting cannot contain it"):
        shortcodes.open_jobs(call(settings, "jobs/x.md", {}))
