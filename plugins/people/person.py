"""A person file (content/team/SLUG.md or SLUG/index.md) and its fields.

Our fields are in docs/authoring.md; Hugo's author files (``title``, ``user_groups``,
``social`` as a list of ``{icon, link}``) are accepted too, because being
tolerant costs little.
"""

import os
import posixpath
import re

from pelican.contents import Content

from .names import initials, name_key

# Hugo Academic icon names -> our social keys
ICONS = {
    "envelope": "email",
    "email": "email",
    "twitter": "x",
    "x-twitter": "x",
    "x": "x",
    "github": "github",
    "mastodon": "mastodon",
    "linkedin": "linkedin",
    "globe": "website",
    "link": "website",
    "home": "website",
    "website": "website",
    "orcid": "orcid",
    "google-scholar": "scholar",
    "google_scholar": "scholar",
    "scholar": "scholar",
    "bluesky": "bluesky",
    "gitlab": "gitlab",
    "youtube": "youtube",
}
LABELS = {
    "email": "Email",
    "github": "GitHub",
    "x": "X (Twitter)",
    "mastodon": "Mastodon",
    "linkedin": "LinkedIn",
    "website": "Website",
    "orcid": "ORCID",
    "scholar": "Google Scholar",
    "bluesky": "Bluesky",
    "gitlab": "GitLab",
    "youtube": "YouTube",
}
SOCIAL_ORDER = list(LABELS)
IMAGE_NAMES = re.compile(r"^avatar\.(jpe?g|png|webp|gif|svg)$", re.I)
BUNDLE_INDEX = ("index.md", "_index.md")


class Person(Content):
    mandatory_properties = ("name",)
    default_template = "person"


class Link:
    def __init__(self, kind, url):
        self.kind = kind
        self.url = url
        self.label = LABELS.get(kind, kind.replace("-", " ").replace("_", " ").title())

    def __repr__(self):
        return f"<Link {self.kind} {self.url}>"


def slug_for(relpath):
    """team/chris.md -> chris; team/chris/index.md -> chris."""
    stem, _ = posixpath.splitext(relpath)
    if posixpath.basename(stem) in ("index", "_index"):
        stem = posixpath.dirname(stem)
    return posixpath.basename(stem)


def is_bundle(relpath):
    return posixpath.basename(relpath) in BUNDLE_INDEX


def complete(person, relpath, problems):
    """Normalize a Person read by the reader; append (line, message) to ``problems``."""
    meta = person.metadata
    lines = meta.get("source_lines", {})

    def line(key):
        return lines.get(key, meta.get("source_line", 1))

    def problem(key, message):
        problems.append((line(key), message))

    name = meta.get("name")
    if name in (None, "") and "title" in lines:
        name = meta.get("title")  # Hugo's author files
    if not isinstance(name, str) or not name.strip():
        problem("name", "missing 'name': add 'name: Full Name' to the front matter")
        name = slug_for(relpath)
    person.name = name.strip()
    person.title = person.name
    person.initials = initials(person.name)

    slug = str(meta.get("slug") or slug_for(relpath)).strip()
    if name_key(slug) != slug:
        problem(
            "slug",
            f"slug {slug!r} must be lowercase letters, digits and '-', like {name_key(slug)!r}",
        )
        slug = name_key(slug)
    person.slug = slug
    person.override_url = f"team/{slug}/"
    person.override_save_as = f"team/{slug}/index.html"

    person.role = text_field(meta, "role", problem)
    person.pronouns = text_field(meta, "pronouns", problem)
    key = "groups" if "groups" in meta else "user_groups"
    person.groups = name_list(meta.get(key), key, problem)
    person.organizations = organizations(meta.get("organizations"), problem)
    person.social = social(meta.get("social"), problem)
    # Hugo's 'authors: [username]' in an author file names the person's old handle
    person.handles = [a.name for a in meta.get("authors", []) or []]
    person.avatar_file, person.avatar_url = avatar(meta, relpath, person.source_path, slug, problem)
    person.avatar_alt = text_field(meta, "avatar_alt", problem) or f"Portrait of {person.name}"
    person.bundle_dir = os.path.dirname(person.source_path) if is_bundle(relpath) else None
    return person


def text_field(meta, key, problem):
    value = meta.get(key)
    if value in (None, ""):
        return ""
    if not isinstance(value, (str, int, float)):
        problem(key, f"'{key}' must be text")
        return ""
    return str(value).strip()


def name_list(value, key, problem):
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problem(key, f"'{key}' must be a list of names, like: {key}: [Steering Council, Founders]")
        return []
    return [v.strip() for v in value if v.strip()]


def organizations(value, problem):
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        value = [value]
    orgs = []
    for item in value:
        if isinstance(item, str):
            orgs.append({"name": item, "url": ""})
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            orgs.append({"name": item["name"].strip(), "url": str(item.get("url") or "").strip()})
        else:
            problem(
                "organizations",
                "each entry of 'organizations' needs a name, like: - {name: 2i2c, url: 'https://2i2c.org'}",
            )
    return orgs


def social(value, problem):
    """A dict {kind: url}, or Hugo's list of {icon, icon_pack, link}."""
    if value in (None, "", []):
        return []
    pairs = []
    if isinstance(value, dict):
        pairs = [(str(k).lower(), v) for k, v in value.items()]
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item.get("link"):
                icon = str(item.get("icon", "")).lower()
                pairs.append((ICONS.get(icon, icon or "website"), item["link"]))
            else:
                problem(
                    "social",
                    "each entry of 'social' needs an icon and a link, like: - {icon: github, link: 'https://github.com/x'}",
                )
    else:
        problem(
            "social",
            "'social' must map a kind to a link, like: social: {github: 'https://github.com/x'}",
        )
    links = []
    for kind, url in pairs:
        kind = ICONS.get(kind, kind)
        if not isinstance(url, str) or not url.strip():
            problem("social", f"social link '{kind}' must be a URL")
            continue
        url = url.strip()
        if url.startswith("#"):
            continue  # Hugo's '#contact' widget anchor means nothing here
        if kind == "email" and not url.startswith("mailto:"):
            url = "mailto:" + url
        elif kind != "email" and not re.match(r"^(https?:|/)", url):
            problem(
                "social",
                f"social link '{kind}' must start with https:// or be a site path like /files/cv.pdf, "
                f"got {url!r}",
            )
            continue
        links.append(Link(kind, url))
    order = {k: i for i, k in enumerate(SOCIAL_ORDER)}
    return sorted(links, key=lambda link: order.get(link.kind, len(order)))


def avatar(meta, relpath, source_path, slug, problem):
    """(file to copy or None, URL relative to the site root or None)."""
    value = meta.get("avatar")
    folder = os.path.dirname(source_path)
    if value in (None, ""):
        if is_bundle(relpath):  # Hugo bundles keep avatar.jpg beside the index file
            for name in sorted(os.listdir(folder)):
                if IMAGE_NAMES.match(name):
                    return os.path.join(folder, name), f"team/{slug}/{name}"
        return None, None
    value = str(value).strip()
    if re.match(r"^[a-z]+:", value, re.I) or value.startswith("//"):
        problem(
            "avatar",
            "avatar must be a file beside the person file or a site path like /images/people/x.jpg (nothing is loaded from other hosts)",
        )
        return None, None
    if value.startswith("/"):
        return None, value.lstrip("/")
    if not is_bundle(relpath):
        problem(
            "avatar",
            f"avatar {value!r} is a file name, so the person needs a folder: move this file to {slug_for(relpath)}/index.md with the image beside it, or use a site path like /images/x.jpg",
        )
        return None, None
    path = os.path.normpath(os.path.join(folder, value))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path):
        problem("avatar", f"avatar file {value!r} not found beside {os.path.basename(source_path)}")
        return None, None
    return path, f"team/{slug}/{os.path.relpath(path, folder).replace(os.sep, '/')}"
