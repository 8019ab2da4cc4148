"""The content cache is dropped when anything a read depends on changes, besides the file
itself: here, the packages that make content objects (an upgrade of Markdown or Pelican)."""

import copy
import importlib.metadata

from fastbuild.stamp import fingerprint
from pelican.settings import DEFAULT_CONFIG
from sitetest import write


def settings_for(root):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(
        PATH=str(root / "content"),
        THEME=str(root / "theme"),
        PLUGIN_PATHS=[str(root / "plugins")],
        ARTICLE_PATHS=["blog"],
    )
    return settings


def test_a_new_package_version_or_page_text_changes_the_fingerprint(tmp_path, monkeypatch):
    write(tmp_path, "content/pages/about.md", "---\ntitle: About\n---\nText.\n")
    write(tmp_path, "content/blog/post.md", "---\ntitle: A post\n---\nText.\n")
    write(tmp_path, "theme/templates/base.html", "{{ content }}")
    write(tmp_path, "plugins/p/__init__.py", "")
    settings = settings_for(tmp_path)
    first = fingerprint(settings)
    assert fingerprint(settings) == first
    write(
        tmp_path, "content/blog/post.md", "---\ntitle: A post\n---\nOther text.\n"
    )  # posts count through receivers
    assert fingerprint(settings) == first
    installed = importlib.metadata.version  # what pip changes on an upgrade: the dist-info
    monkeypatch.setattr(
        importlib.metadata,
        "version",
        lambda name: installed(name) + (".1" if name == "markdown" else ""),
    )
    upgraded = fingerprint(settings)
    assert upgraded != first
    write(tmp_path, "content/pages/about.md", "---\ntitle: About us\n---\nText.\n")
    assert fingerprint(settings) != upgraded
