"""Hugo's ``[[main]]`` menu (config/_default/menus.toml) → our content/data/menu.yaml."""

import re
import tomllib

TAG = re.compile(r"<[^>]+>")


def site_path(url):
    """Hugo menu urls are often relative ('platform/'): ours are site paths ('/platform/')."""
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url, re.I):
        return url
    path = "/" + url.lstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last and "." not in last:
        path += "/"
    return path


def convert(menus_toml_text, menu="main"):
    entries = tomllib.loads(menus_toml_text).get(menu, [])
    items = {}
    order = []
    for index, entry in enumerate(entries):
        raw_name = str(entry.get("name", ""))
        name = TAG.sub("", raw_name).strip()
        badge = ""
        badge_match = re.search(r"<span[^>]*>(.*?)</span>", raw_name)
        if badge_match:
            badge = badge_match.group(1).strip()
            name = TAG.sub("", raw_name.replace(badge_match.group(0), "")).strip()
        item = {"name": name}
        if entry.get("url"):
            item["url"] = site_path(str(entry["url"]))
        if badge:
            item["badge"] = badge
        key = entry.get("identifier") or raw_name
        items[key] = (item, entry.get("parent"), entry.get("weight", 0), index)
        items.setdefault(name, items[key])
        order.append(key)
    top = []
    children = {}
    for key in order:
        item, parent, weight, index = items[key]
        if parent:
            children.setdefault(parent, []).append((weight, index, item))
        else:
            top.append((weight, index, item, key))
    result = []
    for weight, index, item, key in sorted(top, key=lambda t: (t[0], t[1])):
        kids = children.get(key, []) + (children.get(item["name"], []) if item["name"] != key else [])
        if kids:
            item["children"] = [k[2] for k in sorted(kids, key=lambda t: (t[0], t[1]))]
        result.append(item)
    return result
