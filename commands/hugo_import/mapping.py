"""Hugo front matter → the fields our plugins read, written back as YAML.

Files are read with the reader's own rules (``sitelib.frontmatter.parse`` and ``sitelib.frontmatter.fields``:
Hugo's delimiters, YAML as Hugo reads it, TOML, JSON), so the importer and the build agree on
what every file means. The body is kept byte for byte.
"""

import datetime
import re

import yaml

from sitelib.frontmatter import fields as hugo_fields
from sitelib.frontmatter.parse import CLEAR_LOADER, ContentError
from sitelib.frontmatter.parse import split as split_front

# Fields that only steered the Hugo theme (Hugo Blox): dropped, with one summary line.
THEME_ONLY = {
    "type",
    "design",
    "widget",
    "active",
    "share",
    "profile",
    "comments",
    "commentable",
    "show_date",
    "reading_time",
    "banner",
    "cascade",
    "superuser",
    "highlight_name",
    "header",
    "projects",
    "layout",
    "content",
    "id",
    "advanced",
    "sharing",
    "hide_page_stream",
}
# Hugo Blox social icon names → our social keys.
SOCIAL_ICONS = {
    "envelope": "email",
    "github": "github",
    "twitter": "x",
    "x-twitter": "x",
    "mastodon": "mastodon",
    "linkedin": "linkedin",
    "globe": "website",
    "link": "website",
    "home": "website",
    "orcid": "orcid",
    "google-scholar": "google_scholar",
    "bluesky": "bluesky",
    "youtube": "youtube",
}


class FrontMatterError(Exception):
    """Hugo would refuse this file: ``problems`` are (line, message)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(message for _line, message in problems))


class Front:
    """A content file as Hugo reads it: fields, body, and what to tell the author."""

    def __init__(self, data, body, had_front, warnings):
        self.data = data
        self.body = body
        self.had_front = had_front
        self.warnings = warnings  # [(line, message)]


def read(text, path="", normalize=True):
    """A :class:`Front`, or FrontMatterError with every problem Hugo would refuse the file for."""
    try:
        front, body = split_front(text, path)
    except ContentError as exc:
        raise FrontMatterError([(line, message) for _p, line, message in exc.problems]) from None
    warnings = list(front.warnings)
    data = front.data
    if normalize:
        found = hugo_fields.normalize(data)
        if found.problems:
            raise FrontMatterError(
                [(front.line_of(key), message) for key, message in found.problems]
            )
        warnings += [(front.line_of(key), message) for key, message in found.warnings]
        data = found.data
        if data.get("draft") is False:
            del data["draft"]  # the default: not worth a line in every file
    return Front(data, body, front.fmt is not None, sorted(warnings))


class Dumper(yaml.SafeDumper):
    """Quotes exactly the text our reader would otherwise take for a boolean, number or null."""

    yaml_implicit_resolvers = CLEAR_LOADER.yaml_implicit_resolvers

    def ignore_aliases(self, data):
        return True  # the same date under two keys is written twice, not as a YAML anchor


def _date_text(dumper, value):
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time() and value.tzinfo is None:
            text = value.date().isoformat()
        else:
            text = value.isoformat().replace("+00:00", "Z")
    else:
        text = value.isoformat()
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


class Literal(str):
    """Text written as a YAML block (``|``) when it has several lines: Markdown stays readable."""


def _literal_text(dumper, value):
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", str(value), style="|" if "\n" in value else None
    )


Dumper.add_representer(Literal, _literal_text)
Dumper.add_representer(datetime.datetime, _date_text)
Dumper.add_representer(datetime.date, _date_text)
Dumper.add_representer(datetime.time, _date_text)


def dump(data, body):
    text = yaml.dump(
        _plain(data),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )
    return f"---\n{text}---\n{body}"


def _plain(value):
    """Keep dicts and lists plain (no YAML anchors for shared objects)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def drop_theme_fields(data, dropped):
    """Remove theme-only keys; record each name in ``dropped`` (a Counter)."""
    for key in list(data):
        if key in THEME_ONLY:
            dropped[key] += 1
            del data[key]
    return data


def map_person(data, body, slug):
    """Hugo Blox author profile → our person file."""
    person = {"name": data.get("name") or data.get("title") or slug}
    if data.get("slug"):
        person["slug"] = data["slug"]
    for key in ("role", "pronouns"):
        if data.get(key):
            person[key] = data[key]
    groups = data.get("groups") or data.get("user_groups")
    if groups:
        person["groups"] = list(groups)
    if data.get("organizations"):
        person["organizations"] = [
            o for o in data["organizations"] if isinstance(o, dict) and o.get("name")
        ]
    social = {}
    raw = data.get("social") or {}
    if isinstance(raw, dict):
        social.update({str(k): v for k, v in raw.items() if v})
    else:
        for item in raw:
            if not isinstance(item, dict) or not item.get("link"):
                continue
            key = SOCIAL_ICONS.get(
                str(item.get("icon", "")).lower(), str(item.get("icon", "link")).lower()
            )
            link = str(item["link"])
            if key == "email":
                link = link.removeprefix("mailto:")
            elif not re.match(r"^[a-z][a-z0-9+.-]*:|^[/#]", link, re.I):
                link = (
                    "/" + link
                )  # Hugo Blox links a link without a scheme from the site root (relLangURL)
            social.setdefault(key, link)
    if data.get("email") and "email" not in social:
        social["email"] = data["email"]
    if social:
        person["social"] = social
    if data.get("interests"):
        person["interests"] = list(data["interests"])
    for key in ("avatar", "aliases", "weight"):
        if data.get(key):
            person[key] = data[key]
    bio = str(data.get("bio") or "").strip()
    if bio and not body.strip():
        body = "\n" + bio + "\n"
    elif bio:
        person["summary"] = bio
    mapped = {
        "title",
        "name",
        "slug",
        "role",
        "pronouns",
        "groups",
        "user_groups",
        "organizations",
        "social",
        "email",
        "interests",
        "avatar",
        "aliases",
        "weight",
        "bio",
        "authors",
    }
    rest = {k: v for k, v in data.items() if k not in mapped}
    return {**person, **rest}, body


def map_job(data):
    if "open" in data:
        data["open"], _understood = hugo_fields.to_bool(data["open"])
    return data
