"""Which files of ``content/`` are the sample this project ships with: ``content/.sample.json``.

The list holds each sample file's SHA-256, so an import can tell the sample, as shipped, from
anything an author wrote or changed: the sample is replaced without asking, the rest never.
After changing the sample content, write the list again:

    .venv/bin/python commands/hugo_import/sample.py content
"""

import hashlib
import json
import os
import sys

NAME = ".sample.json"


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sample_files(folder):
    """Every file of the sample under ``folder`` (dot files left out), by path relative to it."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                path = os.path.join(dirpath, name)
                found[os.path.relpath(path, folder).replace(os.sep, "/")] = file_digest(path)
    return found


def read(folder):
    """{path: digest} of the shipped sample, or {} when the folder has no list."""
    try:
        with open(os.path.join(folder, NAME), encoding="utf-8") as f:
            files = json.load(f).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return files if isinstance(files, dict) else {}


def pristine(folder):
    """The sample files still as shipped (the list itself included)."""
    files = read(folder)
    same = {
        rel
        for rel, want in files.items()
        if os.path.isfile(os.path.join(folder, rel))
        and file_digest(os.path.join(folder, rel)) == want
    }
    return same | ({NAME} if files else set())


def write(folder):
    with open(os.path.join(folder, NAME), "w", encoding="utf-8") as f:
        json.dump(
            {
                "about": "the sample content shipped with this project (see commands/hugo_import/sample.py)",
                "files": sample_files(folder),
            },
            f,
            indent=1,
            sort_keys=True,
        )
        f.write("\n")


if __name__ == "__main__":
    write(sys.argv[1] if len(sys.argv) > 1 else "content")
