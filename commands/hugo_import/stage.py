"""The content folder as it will be after an import, in a temporary folder, for checks before writing.

Content files are written whole (their front matter decides their address); every other file
is an empty stand-in, which is all that listing addresses needs.
"""

import contextlib
import os
import shutil
import tempfile

from .links_at_source import files_under

CONTENT_EXTENSIONS = (".md", ".markdown", ".html")


class Stage:
    def __init__(self, root):
        self.root = root

    def index(self, settings):
        """The links plugin's index of every address the staged content has (``links.urls``)."""
        from links.urls import ContentIndex  # noqa: PLC0415 (the plugin's own rules for addresses)

        # Drafts and scheduled posts too: their links are checked like the others'.
        staged_settings = dict(
            settings,
            PATH=self.root,
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
            SHOW_DRAFTS=True,
            SHOW_FUTURE=True,
        )
        return ContentIndex(staged_settings)


@contextlib.contextmanager
def staged(plan, dest=None, removals=()):
    """The planned files over what ``dest`` keeps (the plan alone without ``dest``)."""
    root = tempfile.mkdtemp(prefix="hugo-import-check-")
    try:
        for rel in files_under(dest) if dest else ():
            if rel not in removals and rel not in plan:
                _place(root, rel, path=os.path.join(dest, rel))
        for rel, data in plan.items():
            _place(root, rel, data=data)
        yield Stage(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _place(root, rel, data=None, path=None):
    target = os.path.join(root, rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if not rel.endswith(CONTENT_EXTENSIONS):
        open(target, "wb").close()
    elif path is not None:
        shutil.copyfile(path, target)
    else:
        with open(target, "wb") as f:
            f.write(data)
