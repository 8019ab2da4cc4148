"""Search as a visitor: type a word found in one post only, follow the result; and without JavaScript.

The index comes in several Pagefind bundles (plugins/search): the search page loads the
first one listed in bundles.json and merges the others, so these tests search for words
of pages that live in the other bundles."""

import json
import re
from collections import defaultdict

from .pages import parse

WORD = re.compile(r"[a-z]{7,}")


def bundles(served):
    """The bundles in load order, and which bundle each page path (``/blog/x/``) is in."""
    root = served.output / "pagefind"
    names = [
        bundle["name"] for bundle in json.loads((root / "bundles.json").read_text())["bundles"]
    ]
    where = {}
    for name in names:
        for file in json.loads((root / name / "inputs.json").read_text())["pages"]:
            where["/" + file.removesuffix("index.html")] = name
    return names, where


def words_by_stem(served):
    """Indexed page path -> its words; and each word's first 6 letters -> the pages with it
    (Pagefind stems, so a word also finds its longer and shorter forms)."""
    words = {}
    for file in served.output.rglob("*.html"):
        body = parse(file).select_one("[data-pagefind-body]")
        if body is not None:
            for ignored in body.select("[data-pagefind-ignore]"):
                ignored.decompose()
            words["/" + file.parent.relative_to(served.output).as_posix() + "/"] = set(
                WORD.findall(body.get_text(" ").lower())
            )
    assert words, "no page of the build is marked data-pagefind-body"
    stems = defaultdict(set)
    for path, found in words.items():
        for word in found:
            stems[word[:6]].add(path)
    return words, stems


def word_in_one_post(served, posts):
    """A word of one of ``posts`` that no other indexed page shares, not even as a prefix."""
    words, stems = words_by_stem(served)
    for post in posts:
        for word in sorted(words.get(post, ())):
            if stems[word[:6]] == {post}:
                return word, post
    raise AssertionError(f"none of {posts} has a word of its own to search for")


def search(visit, word):
    page = visit.goto("/")
    box = page.get_by_role("search").get_by_role("searchbox").first
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q="))
    page.locator("#search-results li a").first.wait_for()
    return page


def test_typing_a_word_finds_its_post_in_a_merged_bundle(visit, served):
    names, where = bundles(served)
    assert len(names) >= 3, names
    # a post of the last bundle: loaded only by merging it into the first one
    last = [post for post in served.posts() if where.get(post) == names[-1]]
    word, post = word_in_one_post(served, last)
    page = search(visit, word)
    assert page.locator("#search-results li").count() == 1
    assert word in page.get_by_role("status").inner_text()
    page.locator("#search-results li a").first.click()
    page.wait_for_url(served.siteurl + post)
    assert visit.problems == []


def test_results_of_two_bundles_come_in_one_list(visit, served):
    names, where = bundles(served)
    words, stems = words_by_stem(served)
    shared = sorted(
        (word, sorted(stems[word[:6]]))
        for found in words.values()
        for word in found
        if len(stems[word[:6]]) == 2 and len({where[p] for p in stems[word[:6]]}) == 2
    )
    assert shared, "no word is shared by exactly two pages of two bundles"
    word, pages = shared[0]
    page = search(visit, word)
    page.locator("#search-results li").nth(1).wait_for()
    found = sorted(
        served.local(a.get_attribute("href")) for a in page.locator("#search-results li a").all()
    )
    assert found == pages
    assert "2 results" in page.get_by_role("status").inner_text()
    assert visit.problems == []


def test_without_javascript_the_header_links_to_the_search_page(visit_without_js, served):
    page = visit_without_js.goto("/")
    assert not page.get_by_role("search").first.is_visible()
    page.locator("header a[data-search-link]").click()
    page.wait_for_url(served.siteurl + "/search/")
    assert "needs JavaScript" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile("every post")).click()
    page.wait_for_url(served.siteurl + "/blog/")
    assert visit_without_js.problems == []
