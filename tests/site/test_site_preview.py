"""Which saves the preview server may apply in place (the rest rebuild the whole site)."""

from commands.preview.server import posts_only
from sitetest import write


def test_only_edits_of_existing_markdown_files_in_content_are_applied_in_place(tmp_path):
    content = tmp_path / "content"
    post = str(write(content, "blog/a/index.md", "---\ntitle: A\n---\n"))
    other = str(write(content, "blog/b.md", "---\ntitle: B\n---\n"))
    theme = str(write(tmp_path, "theme/templates/base.html", "<html></html>"))
    data = str(write(content, "data/menu.yaml", "[]\n"))
    modified, added, deleted = 2, 1, 3  # watchfiles.Change values

    assert posts_only({(modified, post)}, content) == [post]
    assert posts_only({(modified, post), (modified, other)}, content) == sorted([post, other])
    # an editor's temporary file, created and already gone, does not count
    assert posts_only({(modified, post), (added, post + ".tmp-4913"), (deleted, post + ".tmp-4913")},
                      content) == [post]
    for change in ({(modified, theme)}, {(modified, data)}, {(deleted, str(content / "blog/c.md"))},
                   {(deleted, str(content / "blog/gone"))}, {(modified, post), (modified, data)},
                   {(modified, post), (deleted, str(content / "blog/a/figure.png"))}):
        assert posts_only(change, content) is None, change
