"""File paths as an author sees them, the Markdown files of a content folder, and files
placed in the output."""

import os
import shutil


def display_path(path):
    """The path as an author types it: relative to the working folder when inside it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def markdown_files(folder):
    """Every Markdown content file under folder, in a stable order (not README.md, dot or
    ``__`` folders): how the generators that read their own folder (team, jobs) find files."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith(".") and name != "README.md":
                yield os.path.join(root, name)


def link_or_copy(source, target):
    """``target`` holds ``source``'s bytes: a hard link, or a copy where the file system makes
    none (another device, links refused); a file already at ``target`` is replaced."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
