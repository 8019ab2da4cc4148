"""Which templates a theme offers a page (for errors that name a missing one)."""

import os

from sitelib.paths import display_path


def templates_of(generator):
    """Template names a page may ask for: the theme's top-level templates (``article``, ``page``...)."""
    extensions = tuple(generator.settings.get("TEMPLATE_EXTENSIONS", [".html"])) if generator else ()
    names = set()
    for folder in getattr(generator, "_templates_path", None) or []:
        if os.path.isdir(folder):
            names.update(os.path.splitext(name)[0] for name in os.listdir(folder) if name.endswith(extensions))
    return sorted(names)


def templates_folder(generator):
    paths = getattr(generator, "_templates_path", None) or []
    return display_path(paths[0]) if paths else "the theme"
