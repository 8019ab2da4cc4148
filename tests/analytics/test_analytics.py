"""Analytics are off unless ANALYTICS names a provider; then every page loads the provider's script
from the site's own origin, and the file is in the build."""

from urllib.parse import urlsplit

import pytest
from sitetest import FIXTURES, build, html

CONTENT = FIXTURES / "tiny" / "content"
SITEURL = "https://2i2c.org"  # publishconf.py


def pages(out):
    return sorted(out.rglob("*.html"))


def analytics_scripts(doc):
    return [s for s in doc.find_all("script", src=True) if "theme/js/" not in s["src"]]


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("analytics-off") / "out"
    build(CONTENT, out, check=True)
    return out


@pytest.fixture(scope="module")
def plausible_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("analytics-on")
    script = root / "stats.js"
    script.write_text("/* the provider's script, shipped with the site */\n", encoding="utf-8")
    build(
        CONTENT,
        root / "out",
        check=True,
        settings={
            "ANALYTICS": {
                "plausible": {"domain": "2i2c.org", "script": str(script), "api": "/api/event"}
            }
        },
    )
    return root / "out", script


def test_off_by_default_no_page_loads_an_analytics_script(default_build):
    found = pages(default_build)
    assert len(found) > 5
    for page in found:
        doc = html(page)
        assert analytics_scripts(doc) == [], page
        assert doc.find(attrs={"data-domain": True}) is None, page
    assert not (default_build / "analytics").exists()


def test_on_every_page_loads_the_script_from_the_sites_own_origin(plausible_build):
    out, script = plausible_build
    found = pages(out)
    assert len(found) > 5
    for page in found:
        doc = html(page)
        if doc.head is None or doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect page
        scripts = analytics_scripts(doc)
        assert len(scripts) == 1, page
        tag = scripts[0]
        src = urlsplit(tag["src"])
        assert (src.scheme, src.netloc, src.path) == (
            "https",
            urlsplit(SITEURL).netloc,
            "/analytics/stats.js",
        ), page
        assert (
            tag.has_attr("defer")
            and tag["data-domain"] == "2i2c.org"
            and tag["data-api"] == "/api/event"
        )
        assert tag.parent.name == "head"
    assert (out / "analytics" / "stats.js").read_bytes() == script.read_bytes()


@pytest.mark.parametrize(
    "setting,message",
    [
        ({"matomo": {}}, "analytics: unknown provider ANALYTICS['matomo']; known: plausible"),
        (
            {"plausible": {"domain": "2i2c.org"}},
            "analytics: ANALYTICS['plausible']['script'] must be a non-empty string",
        ),
        (
            {"plausible": {"domain": "2i2c.org", "script": "no/such/file.js"}},
            "analytics: ANALYTICS['plausible']['script']: no file at ",
        ),
        (
            {
                "plausible": {
                    "domain": "2i2c.org",
                    "script": "pelicanconf.py",
                    "api": "https://plausible.io/api/event",
                }
            },
            "analytics: ANALYTICS['plausible']['api'] must be a path on this site like '/api/event'",
        ),
        (
            {"plausible": {"domain": "2i2c.org", "script": "pelicanconf.py", "src": "x"}},
            "analytics: unknown setting ANALYTICS['plausible']['src']; known: domain, script, api",
        ),
        ("plausible", "analytics: ANALYTICS must be a dict like"),
    ],
)
def test_a_wrong_setting_stops_the_build_with_one_line(tmp_path, setting, message):
    result = build(CONTENT, tmp_path / "out", settings={"ANALYTICS": setting})
    assert result.returncode == 1
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
