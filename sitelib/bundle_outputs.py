"""The outputs of a generator that writes bundle pages (people, job postings), in the form the
website plugin's ``site_outputs`` signal collects: ``(save_as, label, kind, source, line, park)``."""

import functools
import os
import shutil

from sitelib import session


def park_bundle(content):
    """Leave a person or posting out, the files beside it too; the build fails anyway."""
    content.override_save_as = ""
    content.bundle_dir = None


def bundle_page_outputs(index_save_as, index_noun, contents, noun, files_of, shown):
    """``site_outputs`` of a generator that writes an index page, a page per content object and
    the files of its bundle."""
    yield (index_save_as, index_noun, "generated")
    for content in contents:
        leave_out = functools.partial(park_bundle, content)
        yield (
            content.save_as,
            noun,
            "page",
            shown(content.source_path),
            content.metadata.get("source_line", 1),
            leave_out,
        )
        for path, save_as in files_of(content):
            yield (save_as, "the file", "file", shown(path), None, leave_out)


def copy_bundle_file(settings, output_path, source, save_as):
    """Copy a file beside a person's or posting's page into the output; in a build session, a
    copy the previous output already has stays there instead (sitelib.session)."""
    building = session.current(settings)
    if building and building.has_copy(save_as, source):
        building.kept.add(save_as)
        return
    dest = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copy2(source, dest)
