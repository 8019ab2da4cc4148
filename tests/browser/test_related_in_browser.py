"""Related posts, backlinks and Mermaid diagrams in Chromium (fixture: tests/fixtures/related)."""

import pytest
from sitetest import FIXTURES, build

from .conftest import Visit
from .server import serve


@pytest.fixture(scope="module")
def related_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("related-served") / "output"
    output.mkdir()
    server = serve(output)
    build(
        FIXTURES / "related" / "content",
        output,
        check=True,
        settings={"SITEURL": server.url, "CACHE_PATH": str(output.parent / "cache")},
    )
    yield server.url
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["light", "dark"])
def tab(browser, related_site, request):
    """A tab in each palette (the system's colour scheme; the theme follows it)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, color_scheme=request.param
    )
    tab = Visit(context, related_site)
    tab.scheme = request.param
    yield tab
    context.close()


def test_diagrams_are_drawn_visibly_and_pass_axe(tab, axe_script):
    page = tab.goto("/blog/how-a-hub-reaches-the-cloud/")
    diagrams = page.locator("figure.mermaid-diagram svg")
    assert diagrams.count() == 2
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for number in range(2):
            box = diagrams.nth(number).bounding_box()
            assert box is not None and box["width"] > 0 and box["height"] > 0
            assert box["x"] >= 0 and box["x"] + box["width"] <= width  # scaled down to fit a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    label = page.locator("figure.mermaid-diagram text", has_text="Google Cloud").first
    assert label.is_visible()
    assert page.locator("figure.mermaid-diagram script").count() == 0
    page.set_viewport_size({"width": 1280, "height": 800})
    tab.screenshot(f"mermaid-diagram-{tab.scheme}")
    # the diagram's background and a node's label follow the palette
    colours = page.evaluate("""() => { const svg = document.querySelector('figure.mermaid-diagram svg');
      const label = [...svg.querySelectorAll('text')].find(t => t.textContent === 'JupyterHub');
      return [getComputedStyle(svg).backgroundColor, getComputedStyle(label).fill]; }""")
    assert colours == (
        ["rgb(255, 255, 255)", "rgb(20, 24, 43)"]
        if tab.scheme == "light"
        else ["rgb(17, 20, 29)", "rgb(230, 232, 239)"]
    )
    assert tab.axe(axe_script) == []
    assert tab.problems == []  # nothing asked of another host (the renderer's web font is removed)


@pytest.mark.parametrize(
    "path, selector, titles",
    [
        ("/blog/alpha/", ".related-posts", ["Epsilon", "Beta", "Eta"]),
        ("/collaborators/nasa/", ".backlinks", ["Epsilon", "Alpha"]),
        ("/team/ada-lovelace/", ".backlinks", ["Epsilon", "Beta", "Alpha"]),
    ],
)
def test_related_posts_and_backlinks_are_shown_and_pass_axe(
    tab, axe_script, path, selector, titles
):
    page = tab.goto(path)
    section = page.locator(selector)
    assert section.is_visible()
    assert section.locator("li a").all_inner_texts() == titles
    assert tab.axe(axe_script) == []
    assert tab.problems == []
