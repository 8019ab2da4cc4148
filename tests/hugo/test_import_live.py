"""import-hugo into this project as cloned (sample content present): all or nothing."""

import shutil
import subprocess

import pytest
from sitetest import HUGO_SAMPLE, ROOT, build

from hugo_import import import_site
from linkcheck.check import Site, read_known


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def project(tmp_path):
    """A git work tree holding a copy of the project's sample content, committed."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "content")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "sample")
    return tmp_path


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_into_the_sample_it_stops_before_writing_and_names_each_conflict(project):
    before = snapshot(project)
    report = import_site(HUGO_SAMPLE, project / "content")
    assert report.stopped and not report.written
    assert snapshot(project) == before
    lines = report.lines(HUGO_SAMPLE, "content")
    assert lines[0].startswith("Nothing was imported")
    # the sample's person file and the imported person bundle would share one address
    assert any("team/yuvi-panda.md (already here) and team/yuvi-panda/index.md (imported) would both be "
               "/team/yuvi-panda/" in line for line in lines)
    assert any("pages/index.md already exists (not from an import)" in line for line in lines)
    assert lines[-1].startswith("  --replace-sample removes the sample content first")


def test_replace_sample_removes_only_committed_sample_files_then_builds_clean(project, tmp_path):
    mine = project / "content/blog/2026/my-draft.md"
    mine.write_text("---\ntitle: Mine\ndate: 2026-01-01\n---\nNot committed.\n")
    refused = import_site(HUGO_SAMPLE, project / "content", replace_sample=True)
    assert refused.stopped and not refused.written
    assert refused.conflicts == ["blog/2026/my-draft.md is not committed to git or was changed since: it is not "
                                 "sample content; commit or move it first"]
    mine.unlink()

    report = import_site(HUGO_SAMPLE, project / "content", replace_sample=True)
    assert not report.stopped, report.lines(HUGO_SAMPLE, "content")
    assert "team/yuvi-panda.md" in report.removed and "blog/2023/managed-hubs-explained.md" in report.removed
    assert not (project / "content/team/yuvi-panda.md").exists()
    assert (project / "content/team/yuvi-panda/index.md").exists()
    assert not (project / "content/blog/2023").exists()  # emptied folders go too

    out = tmp_path / "out"
    result = build(project / "content", out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    known = read_known(str(project / "content/broken-at-source.yaml"))
    site = Site(out, ["https://2i2c.org"])
    unreported = [(page, url) for page, url, _why in site.broken_links()
                  if not {("/" + page.removesuffix("index.html"), url), ("*", url),
                          ("/" + page.removesuffix("index.html"), site.internal_url(url))} & known]
    assert not unreported, unreported


def test_force_replaces_without_asking(project):
    (project / "content/blog/2026/my-draft.md").write_text("---\ntitle: Mine\n---\nx\n")
    report = import_site(HUGO_SAMPLE, project / "content", replace_sample=True, force=True)
    assert not report.stopped and "blog/2026/my-draft.md" in report.removed
