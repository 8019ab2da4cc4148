"""sitelib.atomic: the target is replaced whole or not at all, through a unique temporary name."""

import os
import threading

import pytest

from sitelib import atomic


def test_write_text_and_bytes_replace_the_file(tmp_path):
    path = tmp_path / "deep" / "folder" / "state.json"
    atomic.write_text(path, "first\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    atomic.write_bytes(path, "zweite Fassung ✓".encode())
    assert path.read_bytes().decode() == "zweite Fassung ✓"
    assert os.listdir(path.parent) == ["state.json"]  # no temporary file left


def test_the_file_gets_the_mode_open_would_give(tmp_path):
    path = tmp_path / "page.html"
    atomic.write_text(path, "<p>hi</p>")
    expected = 0o666 & ~atomic.UMASK
    assert os.stat(path).st_mode & 0o777 == expected


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "ledger.json"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic.replacing(path, "w", encoding="utf-8") as f:
        f.write("half of the new")
        raise RuntimeError("crash in the middle")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["ledger.json"]


def test_the_temporary_name_is_unique_and_beside_the_target(tmp_path):
    path = tmp_path / "cache.pickle"
    with atomic.replacing(path) as first, atomic.replacing(path) as second:
        first.write(b"1")
        second.write(b"2")
        temporaries = sorted(os.listdir(tmp_path))
        assert not path.exists()  # nothing in place until a block ends
    assert len(temporaries) == 2
    assert all(n.startswith(".cache.pickle.") and n.endswith(".tmp") for n in temporaries)
    assert path.read_bytes() == b"1"  # the block that ended last wins: the outer one
    assert os.listdir(tmp_path) == ["cache.pickle"]


def test_concurrent_writers_never_show_a_partial_file(tmp_path):
    path = tmp_path / "bundle.json"
    texts = [str(i) * 100_000 for i in range(8)]
    atomic.write_text(path, texts[0])
    problems = []

    def write(text):
        for _ in range(20):
            atomic.write_text(path, text)

    def read():
        for _ in range(200):
            content = path.read_text()
            if content not in texts:
                problems.append(len(content))

    threads = [threading.Thread(target=write, args=(t,)) for t in texts] + [
        threading.Thread(target=read)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert problems == []
    assert path.read_text() in texts
    assert os.listdir(tmp_path) == ["bundle.json"]
