"""Each plugin's settings dict is checked when the build starts; a bad value names the key."""

import pytest
from project_helpers import build


@pytest.mark.parametrize(
    "settings,message",
    [
        ({"SITE": {"HOME_LATEST": "six"}}, "website: SITE['HOME_LATEST'] must be int, not 'six'"),
        ({"SITE": {"HOME_LASTEST": 6}}, "website: unknown setting SITE['HOME_LASTEST']"),
        (
            {"BLOG": {"RSS_COPY": 1}},
            "blog: BLOG['RSS_COPY'] must be a path like 'blog/index.xml', a list of paths, or ''",
        ),
        ({"BLOG": {"RSS_COPY": ["index.xml", None]}}, "blog: BLOG['RSS_COPY'] must be a path like"),
        (
            {"SITEMAP_SETTINGS": {"EXCLUDE": "404.html"}},
            "sitemap: SITEMAP_SETTINGS['EXCLUDE'] must be a list of output paths",
        ),
        ({"SITEMAP_SETTINGS": ["404.html"]}, "sitemap: SITEMAP_SETTINGS must be a dict, not list"),
        ({"BLOCKS": "landing"}, "blocks: BLOCKS must be a dict, not str"),
        ({"LINKS": {"mising": "warn"}}, "links: unknown LINKS keys ['mising']"),
    ],
)
def test_bad_setting_stops_the_build_naming_it(tmp_path, settings, message):
    (tmp_path / "content").mkdir()
    result = build(tmp_path / "content", tmp_path / "out", settings=settings)
    assert result.returncode == 1
    assert any(line.startswith(message) for line in result.stderr.splitlines()), result.stderr
    assert not (tmp_path / "out").exists()


def test_settings_change_what_is_built(blog_content, tmp_path):
    out = tmp_path / "out"
    build(
        blog_content,
        out,
        settings={
            "SITE": {"HOME_LATEST": 2, "NOT_FOUND_SAVE_AS": ""},
            "BLOG": {"RSS_COPY": "feed.xml"},
        },
        check=True,
    )
    from project_helpers import html

    latest = html(out / "index.html").select('section[aria-labelledby="latest-title"] .card')
    assert len(latest) == 2
    assert not (out / "404.html").exists()
    assert (out / "feed.xml").read_bytes() == (out / "blog" / "rss.xml").read_bytes()
    assert not (out / "blog" / "index.xml").exists() and not (out / "index.xml").exists()
