"""Search as a visitor: type a word found in one post only, follow the result; and without JavaScript."""

import re
from collections import defaultdict

from .pages import parse

WORD = re.compile(r"[a-z]{7,}")


def word_in_one_post(served):
    """A word of one post that no other indexed page shares, not even as a prefix (Pagefind stems)."""
    words = {}
    for file in served.output.rglob("*.html"):
        body = parse(file).select_one("[data-pagefind-body]")
        if body is not None:
            words["/" + file.parent.relative_to(served.output).as_posix() + "/"] = set(WORD.findall(body.get_text(" ").lower()))
    assert words, "no page of the build is marked data-pagefind-body"
    stems = defaultdict(set)
    for path, found in words.items():
        for word in found:
            stems[word[:6]].add(path)
    for post in served.posts():
        for word in sorted(words.get(post, ())):
            if stems[word[:6]] == {post}:
                return word, post
    raise AssertionError("no post has a word of its own to search for")


def test_typing_a_word_finds_its_post(visit, served):
    word, post = word_in_one_post(served)
    page = visit.goto("/")
    box = page.get_by_role("search").get_by_role("searchbox").first
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q="))
    result = page.locator("#search-results li a").first
    result.wait_for()
    assert page.locator("#search-results li").count() == 1
    assert word in page.get_by_role("status").inner_text()
    result.click()
    page.wait_for_url(served.siteurl + post)
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
