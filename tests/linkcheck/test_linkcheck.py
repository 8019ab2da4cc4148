"""The link checker against a hand-made output with one broken link of each kind, and the real site."""

import time

import pytest
from sitetest import FIXTURES

from commands.linkcheck.check import Site, main, srcset_urls

OUTPUT = FIXTURES / "linkcheck" / "built"  # not "output": .gitignore leaves those out

# Every broken link planted in the fixture, and nothing else.
BROKEN = {
    ("index.html", "/css/missing.css"),  # stylesheet
    ("index.html", "/js/missing.js"),  # script
    ("index.html", "#nowhere"),  # fragment on the same page
    ("index.html", "/blog/post/#missing-section"),  # fragment on another page
    ("index.html", "/about/"),  # page
    ("index.html", "https://example.org/gone/"),  # absolute URL on the site
    ("index.html", "/images/missing.png"),  # image
    ("index.html", "/images/logo@2x.png"),  # srcset candidate
    ("index.html", "/search/"),  # form action
    ("blog/post/index.html", "photo.jpg"),  # relative image beside a post
    ("blog/redirect.html", "/blog/moved-away/"),  # meta refresh (and its visible link)
    ("css/style.css", "/images/gone.svg"),  # url() in a stylesheet
}


def test_reports_each_broken_link_once_and_nothing_else():
    found = [(page, url) for page, url, _ in Site(OUTPUT, ["https://example.org"]).broken_links()]
    assert sorted(found) == sorted(BROKEN)


def test_fragment_problems_name_the_missing_id():
    reasons = {
        (page, url): reason
        for page, url, reason in Site(OUTPUT, ["https://example.org"]).broken_links()
    }
    assert (
        reasons[("index.html", "/blog/post/#missing-section")]
        == 'no id "missing-section" in blog/post/index.html'
    )
    assert reasons[("index.html", "/about/")] == "no such file"


def test_without_siteurl_absolute_links_are_external():
    found = {(page, url) for page, url, _ in Site(OUTPUT).broken_links()}
    assert ("index.html", "https://example.org/gone/") not in found
    assert found == BROKEN - {("index.html", "https://example.org/gone/")}


@pytest.mark.parametrize(
    ("value", "urls"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        (" small.jpg 300w ,large.jpg 1200w ", ["small.jpg", "large.jpg"]),
    ],
)
def test_srcset_candidates(value, urls):
    assert srcset_urls(value) == urls


def test_main_prints_one_line_per_broken_link_and_fails(capsys):
    code = main([str(OUTPUT), "--siteurl", "https://example.org/"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert "index.html: broken link -> /about/ (no such file)" in out
    assert len(out) == len(BROKEN) + 1
    assert out[-1].startswith(f"{len(BROKEN)} broken links in 3 pages checked")


def test_main_passes_a_clean_site(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">A</a><a href="a/#x">X</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="x">A</h1><a href="/">Home</a>')
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("0 broken links in 2 pages checked")


def test_main_refuses_a_missing_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nothing")]) == 2
    assert "build the site first" in capsys.readouterr().err


def test_a_thousand_pages_in_a_few_seconds(tmp_path):
    links = "".join(f'<a href="/p{i}/#h">{i}</a>' for i in range(0, 1000, 7))
    for i in range(1000):
        (tmp_path / f"p{i}").mkdir()
        (tmp_path / f"p{i}" / "index.html").write_text(
            f'<!doctype html><title>{i}</title><link rel="stylesheet" href="/s.css">'
            f'<h1 id="h">Page {i}</h1><p>{"word " * 300}</p>{links}<a href="/p{i + 1}/">next</a>'
        )
    (tmp_path / "s.css").write_text("body{}")
    start = time.perf_counter()
    broken = list(Site(tmp_path).broken_links())
    elapsed = time.perf_counter() - start
    assert broken == [("p999/index.html", "/p1000/", "no such file")]
    assert elapsed < 5, f"checking 1000 pages took {elapsed:.1f} s"


def test_the_real_site_has_no_broken_links(site, capsys):
    code = main([str(site), "--siteurl", "https://2i2c.org"])
    assert code == 0, capsys.readouterr().out
