"""Match the ``authors:`` of posts to person files, by slug or by name.

'chris-holdgraf', 'Chris Holdgraf' and 'chris holdgraf' all name the same
person, and so do 'Damián Avila' and 'damian avila'. A matched author keeps its
Pelican ``Author`` object (feeds and templates rely on it) but takes the
person's name and slug, links to ``/team/SLUG/``, and no ``/author/`` page is
written for it: that old path becomes a redirect instead.
"""

import logging
import os

from .names import name_key

logger = logging.getLogger(__name__)


class PeopleIndex:
    """Every key a person answers to: slug, name, and Hugo usernames."""

    def __init__(self, people):
        self.by_key = {}
        self.clashes = []  # (person, other, key)
        for person in people:
            for key in {
                name_key(person.slug),
                name_key(person.name),
                *map(name_key, person.handles),
            }:
                other = self.by_key.setdefault(key, person)
                if other is not person:
                    self.clashes.append((person, other, key))

    def find(self, written):
        return self.by_key.get(name_key(written))


def link_authors(context, index, conf, team_folder, display_path):
    """Point matched authors at their person; report the others.

    Returns the redirects [(old_path, new_url, source, line)] for old author pages.
    """
    redirects = {}
    reported = set()
    author_settings = {}  # person slug -> the settings of the author objects pointing at them
    posts = [
        *context.get("articles", []),
        *context.get("hidden_articles", []),
        *context.get("drafts", []),
    ]
    for post in posts:
        for author in getattr(post, "authors", []):
            if getattr(author, "person", None) is not None:
                continue
            person = index.find(author.name)
            if person is None:
                report_unknown(post, author, conf, team_folder, display_path, reported)
                continue
            old_slug = author.slug
            author.person = person
            author.name = person.name
            author.slug = person.slug
            # Templates use author.url: send readers to the person page, and write no author page.
            # One settings dict per person, shared by their posts' author objects.
            if person.slug not in author_settings:
                author_settings[person.slug] = {
                    **author.settings,
                    "AUTHOR_URL": person.url.replace("{", "{{").replace("}", "}}"),
                    "AUTHOR_SAVE_AS": "",
                }
            author.settings = author_settings[person.slug]
            source = display_path(post.source_path)
            line = post.metadata.get("source_lines", {}).get("authors", 1)
            redirects.setdefault(f"/author/{old_slug}/", (f"/{person.url}", source, line))
        person_posts = {}
        for author in getattr(post, "authors", []):
            if getattr(author, "person", None) is not None:
                person_posts[author.person.slug] = author.person
        post.people = list(person_posts.values())
    merge_author_lists(context)
    return redirects


def report_unknown(post, author, conf, team_folder, display_path, reported):
    source = display_path(post.source_path)
    if (source, author.name) in reported:
        return
    reported.add((source, author.name))
    line = post.metadata.get("source_lines", {}).get("authors", 1)
    suggestion = os.path.join(team_folder, f"{name_key(author.name) or 'name'}.md")
    log = logger.error if conf["strict_authors"] else logger.warning
    log(
        "%s:%d: author '%s' has no person file in %s/; add %s",
        source,
        line,
        author.name,
        team_folder,
        suggestion,
    )


def merge_author_lists(context):
    """Two spellings of one person are now one author: keep one entry per slug."""
    authors = context.get("authors")
    if not isinstance(authors, list):
        return
    merged = {}
    for author, posts in authors:
        entry = merged.setdefault(author.slug, (author, []))
        entry[1].extend(p for p in posts if p not in entry[1])
    authors[:] = sorted(merged.values(), key=lambda pair: pair[0].slug)
