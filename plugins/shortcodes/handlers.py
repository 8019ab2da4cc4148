"""Built-in shortcodes that need more than a template.

Each handler documents Syntax / Output, like liquid-tags. It is called as
``handler(sc)`` (see engine.Call) and returns HTML, or raises ValueError.
"""

import os
import re

from markupsafe import escape

VIDEO_TYPES = {
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".ogg": "video/ogg",
    ".mov": "video/quicktime",
}
LOGO_EXTENSIONS = (".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp")


def video(sc):
    """Syntax: ``{{< video src="clip.mp4" [poster="clip.jpg"] [controls="yes"] [id="intro"] >}}``

    ``src`` is a file beside the page, a file in the site's media folder
    (``content/static/media/``, served at ``/media/``), or a URL.
    Output: a ``<video>`` with controls; without ``controls=`` the Hugo theme autoplayed a
    muted loop: here it is a muted loop that starts when the reader presses play
    (autoplaying motion fails WCAG 2.2.2 and the HTML checks).
    """
    src = sc.get("src", 0)
    if not src:
        raise ValueError('missing src: write {{< video src="clip.mp4" >}}')
    url = locate(sc, src)
    stem, ext = os.path.splitext(src.split("?")[0])
    poster = sc.get("poster")
    if poster:
        poster = locate(sc, poster)
    elif not is_remote(src):
        guess = stem + ".jpg"
        poster = locate(sc, guess) if find_local(sc, guess) else None
    playback = "controls" if sc.get("controls") else "controls loop muted playsinline"
    ident = sc.get("id")
    attrs = [playback, 'preload="metadata"']
    if poster:
        attrs.append(f'poster="{escape(poster)}"')
    if ident:
        attrs.append(f'id="video-{escape(re.sub(r"[^a-z0-9-]+", "-", ident.lower()))}"')
    kind = VIDEO_TYPES.get(ext.lower(), f"video/{ext.lstrip('.').lower() or 'mp4'}")
    return (
        f'<video class="sc-video" {" ".join(attrs)}>'
        f'<source src="{escape(url)}" type="{escape(kind)}">'
        f'<a href="{escape(url)}">Download the video</a>'
        "</video>"
    )


def members_logo_cloud(sc):
    """Syntax: ``{{< members-logo-cloud [data="org_summary"] >}}``

    Reads the data file (a list of ``{name, logo_url, url}``) and shows the logo
    of each member whose image exists as ``members/images/<name>.<ext>``.
    Output: a list of linked logos; nothing (and one warning per build) without data.
    """
    key = sc.get("data", 0, "org_summary")
    orgs = sc.engine.data.get(key)
    if not orgs:
        sc.engine.warn_once(
            ("members-logo-cloud", key),
            sc.page,
            sc.line,
            f"shortcode {sc.name}: no data file content/data/{key}.yaml: the logo cloud is left empty "
            "until it is generated",
        )
        return ""
    pages = os.path.join(sc.settings["PATH"], "pages")
    members = []
    for org in orgs:
        if not isinstance(org, dict) or not org.get("name") or not org.get("logo_url"):
            continue
        safe = re.sub(r"[^a-z0-9]+", "_", str(org["name"]).lower())
        for ext in LOGO_EXTENSIONS:
            if os.path.isfile(os.path.join(pages, "members", "images", safe + ext)):
                members.append(
                    {
                        "name": org["name"],
                        "url": org.get("url"),
                        "logo": f"/members/images/{safe}{ext}",
                    }
                )
                break
    return sc.render("_logo-cloud.html", members=members)


def is_remote(src):
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I))


def find_local(sc, src):
    """Where a local file is: beside the page, or in the media folder; None when nowhere."""
    if is_remote(src):
        return None
    folder = os.path.dirname(sc.page.source_path)
    if not src.startswith("/") and os.path.isfile(os.path.join(folder, src)):
        return src
    static = os.path.join(sc.settings["PATH"], "static")
    rel = src.lstrip("/")
    for candidate in (rel, os.path.join("media", rel)):
        if os.path.isfile(os.path.join(static, candidate)):
            return "/" + candidate.replace(os.sep, "/")
    return None


def locate(sc, src):
    """URL for src: the local file found, else src as written (the links check reports a miss)."""
    return find_local(sc, src) or src


def ref(sc):
    """Syntax: ``[text]({{< relref "blog/2023/post/index.md" >}})`` (also ``ref``).

    Output: the path as written, in place; the links plugin turns it into the page's URL
    (or reports it, with this line, when nothing matches).
    """
    path = sc.get("path", 0)
    if not path:
        raise ValueError('missing path: write {{< relref "blog/2023/post/index.md" >}}')
    return path


ref.inline_text = True  # the output is part of the Markdown (a link target), not stashed HTML


def toc(sc):
    """Syntax: ``{{< toc >}}``. Output: Python-Markdown's ``[TOC]`` marker, which the
    ``sitelib.frontmatter.headings`` extension (``toc``'s own code, configured in pelicanconf)
    replaces with the page's table of contents."""
    return "\n\n[TOC]\n\n"


toc.inline_text = True

HANDLERS = {
    "toc": toc,
    "ref": ref,
    "relref": ref,
    "video": video,
    "members-logo-cloud": members_logo_cloud,
}
