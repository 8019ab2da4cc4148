"""content/data/*.yaml|toml reach every template as DATA.<file name>."""

from project_helpers import ROOT, build, html


def test_templates_see_data_files(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "data" / "numbers.toml").write_text("answer = 42\n")
    (content / "data" / "menu.yaml").write_text(
        "- name: One\n  url: /one/\n- name: Two\n  url: /two/\n"
    )
    (content / "pages" / "probe.md").write_text("---\ntitle: Probe\ntemplate: data_probe\n---\nx\n")
    out = tmp_path / "out"
    build(
        content,
        out,
        settings={"THEME_TEMPLATES_OVERRIDES": [str(ROOT / "tests" / "fixtures" / "templates")]},
        check=True,
    )
    page = html(out / "probe" / "index.html")
    assert page.select_one("#answer").get_text() == "42"
    assert page.select_one("#missing").get_text() == "True"
    assert [li.get_text() for li in page.select("#menu li")] == ["One", "Two"]


def test_default_menu_when_there_is_no_menu_file(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "contact.md").write_text("---\ntitle: Contact\n---\nx\n")
    build(content, tmp_path / "out", check=True)
    nav = html(tmp_path / "out" / "contact" / "index.html").select_one('nav[aria-label="Main"]')
    # the theme's menu, less About: this site has no /about/ page, and the theme never links to a missing page
    assert [(a.get_text(), a["href"]) for a in nav.find_all("a")] == [
        ("Blog", "https://2i2c.org/blog/"),
        ("Team", "https://2i2c.org/team/"),
        ("Jobs", "https://2i2c.org/jobs/"),
        ("Contact", "https://2i2c.org/contact/"),
    ]
    assert nav.select_one('a[aria-current="page"]').get_text() == "Contact"
