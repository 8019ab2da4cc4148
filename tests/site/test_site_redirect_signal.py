"""Other plugins get redirect pages through the named signal ``site_redirects``."""

from project_helpers import ROOT, build, html

PROBE = ROOT / "tests" / "fixtures" / "plugins"


def test_redirects_requested_by_another_plugin(blog_content, tmp_path):
    out = tmp_path / "out"
    plugins = ["build_guard", "frontmatter", "website", "blog", "redirect_probe", "sitemap"]
    build(
        blog_content,
        out,
        settings={"PLUGIN_PATHS": ["plugins", str(PROBE)], "PLUGINS": plugins},
        check=True,
    )
    careers = html(out / "careers" / "index.html")
    assert (
        careers.select_one('meta[http-equiv="refresh"]')["content"]
        == "0; url=https://2i2c.org/jobs/"
    )
    # The alias replaced the author listing Pelican wrote at the same path.
    author = html(out / "author" / "ada-lovelace" / "index.html")
    assert (
        author.select_one('link[rel="canonical"]')["href"] == "https://2i2c.org/team/ada-lovelace/"
    )
    assert "https://2i2c.org/careers/" not in (out / "sitemap.xml").read_text()


def test_a_requested_redirect_onto_a_page_is_an_error(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "careers.md").write_text("---\ntitle: Careers\n---\nWe hire.\n")
    plugins = ["build_guard", "frontmatter", "website", "blog", "redirect_probe", "sitemap"]
    result = build(
        content,
        tmp_path / "out",
        settings={"PLUGIN_PATHS": ["plugins", str(PROBE)], "PLUGINS": plugins},
    )
    assert result.returncode == 1
    assert (
        f"team/jobs.md:3: alias '/careers' is the address of {content}/pages/careers.md:1; "
        "remove the alias or move that page"
    ) in result.stderr.splitlines()
