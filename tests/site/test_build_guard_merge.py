"""build_guard moves a build's files into the previous output and keeps only what the
build wrote or kept: the result is the site a build into an empty folder would give."""

import os

from build_guard.guard import Guard


def files(folder):
    return {
        str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def folders(folder):
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_dir()}


def tree(root, entries):
    for path, text in entries.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_written_files_replace_old_ones_and_what_is_neither_written_nor_kept_goes(tmp_path):
    target, staging = tmp_path / "output", tmp_path / ".output.building-x"
    tree(
        target,
        {
            "index.html": "old home",
            "about/index.html": "about",
            "blog/a/index.html": "post a",
            "blog/a/figure.png": "png",
            "blog/gone/index.html": "a deleted post",
            "tag/x/index.html": "tag x",
        },
    )
    tree(
        staging,
        {
            "index.html": "new home",
            "blog/b/index.html": "post b",
            "tag/x/index.html": "tag x, again",
        },
    )
    kept_inode = (target / "about" / "index.html").stat().st_ino
    guard = Guard()
    guard.target, guard.staging = str(target), str(staging)
    guard.kept = {"about/index.html", "blog/a/index.html", "blog/a/figure.png"}
    guard.swap()

    assert files(target) == {
        "index.html": "new home",
        "about/index.html": "about",
        "blog/a/index.html": "post a",
        "blog/a/figure.png": "png",
        "blog/b/index.html": "post b",
        "tag/x/index.html": "tag x, again",
    }
    assert "blog/gone" not in folders(target)  # emptied, so removed
    assert (target / "about" / "index.html").stat().st_ino == kept_inode  # kept: the very file
    assert not staging.exists()


def test_nothing_kept_swaps_the_whole_folder(tmp_path):
    target, staging = tmp_path / "output", tmp_path / ".output.building-y"
    tree(target, {"old.html": "old"})
    tree(staging, {"new.html": "new"})
    guard = Guard()
    guard.target, guard.staging, guard.kept = str(target), str(staging), set()
    guard.swap()
    assert files(target) == {"new.html": "new"}
    assert oct(os.stat(target).st_mode & 0o777) == "0o755"
