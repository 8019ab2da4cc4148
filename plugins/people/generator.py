"""The people generator: reads content/team/**, links authors, writes /team/ and /team/SLUG/."""

import logging
import os

from pelican.generators import Generator

from sitelib.bundle_outputs import bundle_page_outputs, copy_bundle_file, park_bundle
from sitelib.paths import display_path, markdown_files

from .authors import PeopleIndex, link_authors
from .config import people_settings
from .jsonld import person_jsonld, script_json
from .names import name_key
from .person import BUNDLE_INDEX, Person, complete

logger = logging.getLogger(__name__)


class Group:
    def __init__(self, name, people):
        self.name = name
        self.slug = name_key(name) or "group"
        self.people = people


class PeopleGenerator(Generator):
    """Person pages are not articles: they have a generator of their own."""

    redirects = {}  # old path -> (new url, source, line); read by the site_redirects receiver

    def generate_context(self):
        self.conf = people_settings(self.settings)
        self.folder = os.path.join(self.path, self.conf["path"])
        self.intro = None
        self.people = self.read_people()
        index = PeopleIndex(self.people)
        for person, other, key in index.clashes:
            logger.error(
                "%s:%d: '%s' also names %s; give one of them a different slug or name",
                display_path(person.source_path),
                person.metadata.get("source_line", 1),
                key,
                display_path(other.source_path),
            )
            if person.save_as == other.save_as:  # one page for two files: the second is not written
                park_bundle(person)
        type(self).redirects = self.redirects = link_authors(
            self.context, index, self.conf, display_path(self.folder), display_path
        )
        for person in self.people:
            source = display_path(person.source_path)
            self.redirects.setdefault(f"/author/{person.slug}/", (f"/{person.url}", source, 1))
            aliases = person.metadata.get("aliases") or []
            for alias in aliases if isinstance(aliases, list) else [aliases]:
                line = person.metadata.get("source_lines", {}).get("aliases", 1)
                self.redirects.setdefault(
                    "/" + str(alias).strip("/") + "/", (f"/{person.url}", source, line)
                )
            person.posts = sorted(
                (
                    post
                    for post in self.context.get("articles", [])
                    if person in getattr(post, "people", [])
                ),
                key=lambda post: post.date,
                reverse=True,
            )
            person.jsonld = script_json(person_jsonld(person, self.settings))
        self.groups = group_people(self.people, self.conf)
        report_taken(
            self.context,
            {"team/index.html": display_path(os.path.join(self.folder, "index.md"))}
            | {p.save_as: display_path(p.source_path) for p in self.people},
        )
        self.context["people"] = self.people
        self.context["people_groups"] = self.groups

    def read_people(self):
        people = []
        for path in markdown_files(self.folder):
            relpath = os.path.relpath(path, self.path).replace(os.sep, "/")
            try:
                person = self.readers.read_file(
                    base_path=self.path, path=path, content_class=Person, context=self.context
                )
            except Exception as exc:  # noqa: BLE001 (as Pelican does: the person is reported, the build goes on)
                logger.error("Could not process %s\n%s", display_path(path), exc)
                continue
            if os.path.dirname(path) == self.folder and os.path.basename(path) in BUNDLE_INDEX:
                self.intro = person
                continue
            if person.metadata.get("draft") and not self.settings.get("SHOW_DRAFTS"):
                continue
            problems = []
            complete(person, relpath, problems)
            for line, message in problems:
                logger.error("%s:%d: %s", display_path(path), line, message)
            people.append(person)
        return people

    def generate_output(self, writer):
        title = self.intro.metadata.get("title", "Team") if self.intro else "Team"
        writer.write_file(
            "team/index.html",
            self.get_template("team"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="team/",
            groups=self.groups,
            team_title=title,
            intro=self.intro,
        )
        template = self.get_template("person")
        for person in self.people:
            writer.write_file(
                person.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=person.url,
                person=person,
                posts=person.posts,
            )
            self.copy_bundle_files(person)

    def outputs(self):
        """What ``generate_output`` will write, for the check of duplicate addresses."""
        return bundle_page_outputs(
            "team/index.html",
            "the team page",
            self.people,
            "the person page",
            bundle_files,
            display_path,
        )

    def copy_bundle_files(self, person):
        """Files beside a person's index.md (the avatar) go beside the person page."""
        for source, save_as in bundle_files(person):
            copy_bundle_file(self.settings, self.output_path, source, save_as)


def bundle_files(person):
    """(file, save_as) of each file beside a person's index.md."""
    if not person.bundle_dir or not person.save_as:
        return
    target = os.path.dirname(person.save_as)
    for root, dirs, files in os.walk(person.bundle_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") or name.startswith("."):
                continue
            source = os.path.join(root, name)
            yield (
                source,
                os.path.join(target, os.path.relpath(source, person.bundle_dir)).replace(
                    os.sep, "/"
                ),
            )


def report_taken(context, ours):
    """A page or post written at one of our addresses would be silently overwritten."""
    for key in ("articles", "hidden_articles", "pages", "hidden_pages"):
        for content in context.get(key, []):
            if content.save_as in ours:
                logger.error(
                    "%s:%d: address /%s is the people plugin's (%s); move this text there or give the page another slug",
                    display_path(content.source_path),
                    content.metadata.get("source_line", 1),
                    content.url,
                    ours[content.save_as],
                )
                content.override_save_as = ""  # not written: the build fails anyway


def group_people(people, conf):
    """Groups in the configured order, then the others alphabetically; names sorted inside."""
    # 'steering council' and 'Steering Council' are one group, shown as group_order spells it
    members, shown = {}, {name_key(g): g for g in conf["group_order"]}
    for person in people:
        for group in person.groups or [conf["default_group"]]:
            key = name_key(group)
            shown.setdefault(key, group)
            if person not in members.setdefault(key, []):
                members[key].append(person)
    order = {name_key(g): i for i, g in enumerate(conf["group_order"])}
    keys = sorted(members, key=lambda k: (order.get(k, len(order)), shown[k].lower()))
    return [Group(shown[k], sorted(members[k], key=lambda p: name_key(p.name))) for k in keys]
