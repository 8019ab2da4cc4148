"""schema.org ``Person`` data, serialized so it can sit inside a <script> element."""

import json

from markupsafe import Markup

# '<', '>' and '&' written as JSON escapes: '</script>' in a bio cannot end the element
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data):
    return Markup(json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_SAFE))


def absolute(siteurl, url):
    if url.startswith(("http://", "https://", "mailto:")):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def person_jsonld(person, settings):
    site = settings.get("SITEURL", "")
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": absolute(site, person.url),
    }
    if person.role:
        data["jobTitle"] = person.role
    if person.avatar_url:
        data["image"] = absolute(site, person.avatar_url)
    same_as = [link.url for link in person.social if link.kind != "email"]
    if same_as:
        data["sameAs"] = same_as
    if person.organizations:
        data["worksFor"] = [
            {
                "@type": "Organization",
                "name": org["name"],
                **({"url": org["url"]} if org["url"] else {}),
            }
            for org in person.organizations
        ]
    return data
