"""Where things land: page URLs mirror content/pages/, bundle files sit beside their
post or page, and content/static/** is copied to the output root."""

import os
import posixpath

from pelican.contents import Page

from sitelib.paths import display_path  # noqa: F401 (website's modules import it from here)

INDEX_NAMES = ("index.md", "_index.md")


def page_location(relpath, page_paths, slug=None):
    """``pages/about/index.md`` -> ``about/``; ``pages/index.md`` -> ``''`` (the home page).

    A front matter ``slug`` replaces the last part of the path, as in Hugo.
    """
    for root in page_paths:
        root = root.strip("/")
        if relpath.startswith(root + "/"):
            relpath = relpath[len(root) + 1 :]
            break
    folder, name = posixpath.split(relpath)
    parts = [p for p in folder.split("/") if p]
    if name not in INDEX_NAMES:
        parts.append(posixpath.splitext(name)[0])
    if slug and parts:
        parts[-1] = slug.strip("/")
    return "/".join(parts) + "/" if parts else ""


def place_page(instance):
    """``content_object_init``: give each page the URL its path implies."""
    if (
        not isinstance(instance, Page)
        or "save_as" in instance.metadata
        or "url" in instance.metadata
    ):
        return
    relpath = instance.relative_source_path.replace(os.sep, "/")
    url = page_location(relpath, instance.settings["PAGE_PATHS"], instance.metadata.get("slug"))
    instance.slug = url.rstrip("/")
    instance.override_url = url
    instance.override_save_as = url + "index.html"
    if not url and "template" not in instance.metadata:
        instance.template = "home"


def bundle_folder(content):
    """The folder of a bundle (``.../SLUG/index.md``) or None for a single-file post."""
    relpath = content.relative_source_path.replace(os.sep, "/")
    folder, name = posixpath.split(relpath)
    return folder if name in INDEX_NAMES else None


def place_static_files(generator, bundles, static_root):
    """``static_generator_finalized``: move bundle files next to their built page, drop the
    files of unpublished bundles (drafts, future posts), and lift ``static/`` to the root."""
    prefix = static_root.strip("/") + "/"
    sources = tuple("." + ext for ext in generator.readers.extensions)
    kept = []
    for static in generator.staticfiles:
        relpath = static.relative_source_path.replace(os.sep, "/")
        if relpath.endswith(sources):
            continue  # a skipped post's source (draft, future): never published as a file
        owner = owning_bundle(relpath, bundles)
        if owner is False:
            continue
        if owner is not None:
            folder, url = owner
            target = url + relpath[len(folder) + 1 :]
        elif relpath.startswith(prefix):
            target = relpath[len(prefix) :]
        else:
            kept.append(static)
            continue
        static.override_save_as = target
        static.override_url = target
        kept.append(static)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = generator.staticfiles


def owning_bundle(relpath, bundles):
    """(folder, url dir) of the nearest bundle holding ``relpath``; False when that
    bundle is not published; None when the file is in no bundle."""
    folder = posixpath.dirname(relpath)
    while folder:
        if folder in bundles:
            return bundles[folder]
        if folder in bundles.unpublished:
            return False
        folder = posixpath.dirname(folder)
    return None


class Bundles(dict):
    """bundle folder -> (folder, output dir of its page); plus folders of unpublished ones."""

    def __init__(self):
        super().__init__()
        self.unpublished = set()

    def add(self, contents):
        for content in contents:
            folder = bundle_folder(content)
            if folder is not None and content.save_as:  # a parked duplicate: its files go too
                url_dir = posixpath.dirname(content.save_as)
                self[folder] = (folder, url_dir + "/" if url_dir else "")

    def find_unpublished(self, sources, section_roots=()):
        """Folders holding an index.md that produced no page (drafts, future, broken), among
        ``sources``: the content files the post and page generators listed (relative paths).

        Under ``section_roots`` (the blog) ``_index.md`` introduces a section; it is no bundle.
        """
        sections = tuple(root.strip("/") + "/" for root in section_roots)
        for source in sources:
            folder, name = posixpath.split(source.replace(os.sep, "/"))
            if (
                name in (("index.md",) if source.startswith(sections) else INDEX_NAMES)
                and folder not in self
            ):
                self.unpublished.add(folder)
