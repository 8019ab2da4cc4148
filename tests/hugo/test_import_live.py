"""import-hugo into this project as cloned (sample content present): all or nothing."""

import shutil

import pytest
from sitetest import HUGO_SAMPLE, ROOT, build

from commands.hugo_import import import_site, sample
from commands.linkcheck.check import Site, read_known


@pytest.fixture
def project(tmp_path):
    """A copy of the project's content folder, sample and its list included, as a clone has it."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def unreported_broken_links(out, content):
    known = read_known(str(content / "broken-at-source.yaml"))
    site = Site(out, ["https://2i2c.org"])
    return [
        (page, url)
        for page, url, _why in site.broken_links()
        if not {
            ("/" + page.removesuffix("index.html"), url),
            ("*", url),
            ("/" + page.removesuffix("index.html"), site.internal_url(url)),
        }
        & known
    ]


def test_the_list_of_the_sample_matches_the_sample():
    """content/.sample.json names every sample file as shipped (write it again after changing one:
    .venv/bin/python commands/hugo_import/sample.py content). Once a site is imported it is gone."""
    listed = sample.read(ROOT / "content")
    if (ROOT / "content" / sample.NAME).exists():
        assert listed == sample.sample_files(ROOT / "content")


def test_into_a_fresh_clone_the_sample_is_replaced_and_the_site_builds_clean(project, tmp_path):
    report = import_site(HUGO_SAMPLE, project / "content")
    assert not report.stopped, report.lines(HUGO_SAMPLE, "content")
    assert report.replaced_sample == len(sample.read(ROOT / "content"))
    assert any(
        line.startswith("  replaced the sample content")
        for line in report.lines(HUGO_SAMPLE, "content")
    )
    assert (
        not (project / "content/team/yuvi-panda.md").exists()
        and not (project / "content" / sample.NAME).exists()
    )
    assert (project / "content/team/yuvi-panda/index.md").exists()
    assert not (project / "content/blog/2023").exists()  # emptied folders go too
    result = build(project / "content", tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    assert not unreported_broken_links(tmp_path / "out", project / "content")


def test_with_content_of_your_own_it_stops_before_writing_and_names_each_conflict(project):
    mine = project / "content/blog/2026/my-post.md"
    mine.write_text("---\ntitle: Mine\ndate: 2026-01-01\n---\nMy own words.\n")
    (project / "content/pages/index.md").write_text("---\ntitle: Home\n---\nEdited.\n")
    before = snapshot(project)
    report = import_site(HUGO_SAMPLE, project / "content")
    assert report.stopped and not report.written and snapshot(project) == before
    lines = report.lines(HUGO_SAMPLE, "content")
    assert lines[0].startswith("Nothing was imported")
    assert any(
        "team/yuvi-panda.md (already here) and team/yuvi-panda/index.md (imported) would both be "
        "/team/yuvi-panda/" in line
        for line in lines
    )
    assert (
        "  conflict: pages/index.md already exists (not from an import, not the sample as shipped) and "
        "the import would replace it" in lines
    )
    assert (
        "  conflict: pages/mission/index.md is sample content that the import would replace"
        in lines
    )
    assert lines[-1].startswith("  --replace-sample removes the sample content as shipped")


def test_replace_sample_keeps_what_you_wrote(project):
    mine = project / "content/blog/2026/my-post.md"
    mine.write_text("---\ntitle: Mine\ndate: 2026-01-01\n---\nMy own words.\n")
    report = import_site(HUGO_SAMPLE, project / "content", replace_sample=True)
    assert not report.stopped, report.lines(HUGO_SAMPLE, "content")
    assert mine.read_text().endswith("My own words.\n")
    assert not (project / "content/team/yuvi-panda.md").exists()


def test_an_edited_sample_file_is_yours_unless_forced(project):
    edited = project / "content/pages/index.md"
    edited.write_text("---\ntitle: Home\n---\nEdited.\n")
    refused = import_site(HUGO_SAMPLE, project / "content", replace_sample=True)
    assert refused.stopped and edited.read_text().endswith("Edited.\n")
    forced = import_site(HUGO_SAMPLE, project / "content", replace_sample=True, force=True)
    assert not forced.stopped and "Edited." not in edited.read_text()
