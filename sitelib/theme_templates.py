"""Which templates a theme offers a page (for errors that name a missing one)."""

import os

from sitelib import upstream
from sitelib.paths import display_path


def templates_of(generator):
    """Template names a page may ask for: the theme's top-level templates (``article``, ``page``...)."""
    extensions = (
        tuple(generator.settings.get("TEMPLATE_EXTENSIONS", [".html"])) if generator else ()
    )
    names = set()
    for folder in upstream.template_folders(generator):
        if os.path.isdir(folder):
            names.update(
                os.path.splitext(name)[0]
                for name in os.listdir(folder)
                if name.endswith(extensions)
            )
    return sorted(names)


def templates_folder(generator):
    paths = upstream.template_folders(generator)
    return display_path(paths[0]) if paths else "the theme"
