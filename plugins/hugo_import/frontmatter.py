"""Read Hugo front matter (YAML or TOML) and map it onto the fields our plugins read.

Everything is written back as YAML front matter; the body is kept byte for byte.
"""

import datetime
import re
import tomllib

import yaml

FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)

# Fields that only steered the Hugo theme (Hugo Blox): dropped, with one summary line.
THEME_ONLY = {
    "type", "design", "widget", "headless", "active", "share", "profile", "comments", "commentable",
    "show_date", "reading_time", "banner", "_build", "cascade", "superuser", "highlight_name",
    "header", "projects", "layout", "content", "id", "advanced", "sharing", "hide_page_stream",
}
# Hugo Blox social icon names → our social keys.
SOCIAL_ICONS = {
    "envelope": "email", "github": "github", "twitter": "x", "x-twitter": "x", "mastodon": "mastodon",
    "linkedin": "linkedin", "globe": "website", "link": "website", "home": "website",
    "orcid": "orcid", "google-scholar": "google_scholar", "bluesky": "bluesky", "youtube": "youtube",
}


class FrontMatterError(Exception):
    pass


def split(text):
    """(front matter dict, body, had_front_matter)."""
    match = FRONT.match(text)
    if not match:
        fence = text.lstrip("\ufeff").split("\n", 1)[0].strip()
        if fence in ("---", "+++"):
            raise FrontMatterError(f"front matter opened with '{fence}' is never closed")
        return {}, text, False
    try:
        if match.group(1) == "---":
            data = yaml.safe_load(match.group(2)) or {}
        else:
            data = tomllib.loads(match.group(2))
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise FrontMatterError(str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping")
    return data, text[match.end():], True


def dump(data, body):
    text = yaml.dump(_plain(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{text}---\n{body}"


def _plain(value):
    """TOML gives datetime objects; YAML writes them back; keep dicts and lists plain."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.time):
        return value.isoformat()
    return value


def drop_theme_fields(data, dropped):
    """Remove theme-only keys; record each name in ``dropped`` (a Counter)."""
    for key in list(data):
        if key in THEME_ONLY:
            dropped[key] += 1
            del data[key]
    return data


def truthy(value):
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)


def map_person(data, body, slug):
    """Hugo Blox author profile → our person file (contracts.md)."""
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
        person["organizations"] = [o for o in data["organizations"] if isinstance(o, dict) and o.get("name")]
    social = {}
    raw = data.get("social") or {}
    if isinstance(raw, dict):
        social.update({str(k): v for k, v in raw.items() if v})
    else:
        for item in raw:
            if not isinstance(item, dict) or not item.get("link"):
                continue
            key = SOCIAL_ICONS.get(str(item.get("icon", "")).lower(), str(item.get("icon", "link")).lower())
            link = str(item["link"])
            if key == "email":
                link = link.removeprefix("mailto:")
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
    mapped = {"title", "name", "slug", "role", "pronouns", "groups", "user_groups", "organizations", "social",
              "email", "interests", "avatar", "aliases", "weight", "bio", "authors"}
    rest = {k: v for k, v in data.items() if k not in mapped}
    return {**person, **rest}, body


def map_job(data):
    if "open" in data:
        data["open"] = truthy(data["open"])
    return data
