"""A small site for the search tests: three posts over two years and one page."""

import json

POST = """---
title: {title}
date: {year}-0{month}-01
tags: [{tag}]
---

{body}
"""
POSTS = [  # title, year, tag, body
    ("Alpha notes", 2023, "one", "A post about telescopes."),
    ("Beta notes", 2024, "two", "A post about hubs."),
    ("Gamma notes", 2024, "one", "A third post."),
]


def write_post(content, number, title, year, tag, body):
    (content / "blog" / f"p{number}.md").write_text(
        POST.format(title=title, year=year, month=number, tag=tag, body=body)
    )


def write_site(root):
    """Posts p1.md, p2.md, p3.md of POSTS and pages/about.md under root/content; returns it."""
    content = root / "content"
    (content / "blog").mkdir(parents=True)
    for number, post in enumerate(POSTS, start=1):
        write_post(content, number, *post)
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("---\ntitle: About\n---\n\nWho we are.\n")
    return content


def bundles(site):
    """The names in bundles.json, in load order."""
    return [
        bundle["name"]
        for bundle in json.loads((site / "pagefind" / "bundles.json").read_text())["bundles"]
    ]


def manifest(site, bundle):
    return json.loads((site / "pagefind" / bundle / "inputs.json").read_text())
