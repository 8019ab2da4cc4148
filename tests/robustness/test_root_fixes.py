"""Crashes the property-based tests found in our plugins, each fixed where it started: the
exact problem line the build gives now, or the page it builds."""

from types import SimpleNamespace

from robust_helpers import assert_no_traceback, leftovers
from sitetest import build, html, problem_lines, write
from website.redirects import aliases_of


def test_addresses_too_long_for_a_file_name_are_problems(tmp_path):
    """A 100 KB slug made a 100 KB folder name: OSError (File name too long) while writing.
    (A slug made from a long title is cut to 100 characters: see test_hugo_rules.)"""
    content, out = tmp_path / "content", tmp_path / "out"
    write(
        content,
        "blog/title.md",
        "---\ndate: 2024-01-01\nslug: " + "t" * 100_000 + "\ntitle: T\n---\nx\n",
    )
    write(
        content,
        "blog/tags.md",
        "---\ntitle: Tags\ndate: 2024-01-01\ntags: [" + "a" * 300 + ", fine]\n"
        "categories: [" + "c" * 300 + "]\n---\nx\n",
    )
    write(
        content,
        "blog/aliases.md",
        "---\ntitle: Aliases\ndate: 2024-01-01\naliases:\n  - /" + "o" * 300 + "/\n"
        "  - /" + "a/" * 600 + "\n---\nx\n",
    )

    result = build(content, out)

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1
    part = "one part of it is 300 bytes long; a file system takes 255"
    assert problem_lines(result, content) == [
        f"{content}/blog/aliases.md:4: address {('/' + 'a/' * 600)[:60]}… is too long (1210 bytes; at most 1024); "
        "shorten the alias",  # a/ 600 times, then index.html
        f"{content}/blog/aliases.md:4: address /{'o' * 59}… is too long ({part}); shorten the alias",
        f"{content}/blog/tags.md:4: tag name '{'a' * 59}… is too long for its page's address ({part}); shorten it",
        f"{content}/blog/tags.md:5: category name '{'c' * 59}… is too long for its page's address ({part}); shorten it",
        f"{content}/blog/title.md:3: address /blog/{'t' * 54}… is too long (one part of it is 100000 bytes long; "
        "a file system takes 255); give it a shorter slug or title",
    ]
    assert not out.exists() and not leftovers(out)


def test_postings_dated_with_and_without_a_time_zone_are_listed_newest_first(tmp_path):
    """Sorting postings compared a date with a time zone to one without: TypeError."""
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "jobs/older.md", "---\ntitle: Older\ndate: 2024-01-10\nopen: false\n---\nx\n")
    write(
        content,
        "jobs/newer.md",
        "---\ntitle: Newer\ndate: 2024-05-31T14:00:00Z\nopen: false\n---\nx\n",
    )
    write(content, "jobs/undated.md", "---\ntitle: Undated\nopen: false\n---\nx\n")

    build(content, out, check=True)

    archive = html(out / "jobs" / "index.html").select(".job-archive li a")
    assert [a.get_text(strip=True) for a in archive] == ["Newer", "Older", "Undated"]


def test_aliases_that_are_not_a_list_are_a_problem(caplog):
    """``aliases: 5`` was iterated: TypeError (the links plugin's index fails on it first)."""
    post = SimpleNamespace(
        metadata={"aliases": 5, "source_lines": {"aliases": 4}},
        source_path="/site/blog/x.md",
        url="blog/x/",
    )
    assert aliases_of(post) == []
    assert [r.getMessage() for r in caplog.records] == [
        "/site/blog/x.md:4: 'aliases' must be a list of paths on this site, like: aliases: [/old/path/]"
    ]
