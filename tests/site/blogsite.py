"""The fixture blog: 23 numbered posts, a bundle, a draft, a future post, pages, static and data files."""

import datetime
import struct
import zlib

from sitetest import write

POSTS = 23  # three pages of ten on the blog index


def png(width=2, height=2):
    """A tiny valid PNG, so bundles carry a real image."""
    raw = b"".join(b"\x00" + b"\x1d\x4e\xf5" * width for _ in range(height))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def make_site(root):
    """Posts 01..23, one a day in January 2023 and 2024 (odd numbers in 2023)."""
    for n in range(1, POSTS + 1):
        year = 2023 if n % 2 else 2024
        tags = ["even" if n % 2 == 0 else "odd"] + (["fives"] if n % 5 == 0 else [])
        write(
            root,
            f"blog/{year}/topic-{n % 3}/post-{n:02d}.md",
            f"---\ntitle: Post {n:02d}\ndate: {year}-01-{n:02d}\n"
            f"authors: [ada-lovelace]\ntags: [{', '.join(tags)}]\ncategories: [news]\n---\n\n"
            f"First paragraph of post {n:02d}.\n\nSecond paragraph.\n",
        )
    # A bundle with an image, two categories, an alias, relative links and a featured flag.
    write(
        root,
        "blog/2024/bundle/index.md",
        "---\ntitle: A bundle post\nslug: bundle-post\ndate: 2024-02-10\nlastmod: 2024-02-12\n"
        "authors: [grace-hopper, ada-lovelace]\ntags: [images]\ncategories: [news, reports]\n"
        "image: photo.png\nfeatured: true\naliases: [/posts/bundle, /old/bundle.html]\n"
        "summary: The *summary* from front matter.\n---\n\n"
        "Look at ![a blue square](photo.png) and [the files](files/notes.txt) "
        "or [the blog](/blog/) or [the top](#top).\n",
    )
    write(root, "blog/2024/bundle/photo.png", png())
    write(root, "blog/2024/bundle/files/notes.txt", "notes\n")
    # A title that must stay text everywhere.
    write(
        root,
        "blog/2024/escape.md",
        '---\ntitle: "<script>alert(1)</script> & friends"\nslug: escape\ndate: 2024-02-01\n'
        'tags: ["<b>bold</b>"]\nsummary: "Summary with <em>tags</em>"\n---\n\nBody.\n',
    )
    # Unpublished: a draft bundle (with a file) and a post dated in the future.
    write(
        root,
        "blog/2024/secret/index.md",
        "---\ntitle: Secret draft\nslug: secret-draft\ndate: 2024-03-01\ndraft: true\ntags: [hush]\n---\nDraft body.\n",
    )
    write(root, "blog/2024/secret/hidden.png", png())
    # Hugo (Wowchemy) style: the bundle's featured*.png is its image.
    write(
        root,
        "blog/2023/hugo-style/index.md",
        "---\ntitle: Hugo style\ndate: 2023-02-01\n---\nText.\n",
    )
    write(root, "blog/2023/hugo-style/featured-logo.png", png(3, 3))
    future = datetime.date.today() + datetime.timedelta(days=400)
    write(
        root,
        "blog/later.md",
        f'+++\ntitle = "From the future"\nslug = "future-post"\ndate = {future.isoformat()}\n'
        'tags = ["soon"]\ncategories = ["later"]\n+++\nNot yet.\n',
    )
    # Pages: path-mirrored URLs, a home page, an alias, a bundle file; static and data files.
    write(
        root,
        "pages/index.md",
        "---\ntitle: Welcome\nsubtitle: Interactive computing for everyone\n---\nHero text.\n",
    )
    write(root, "pages/about/index.md", "---\ntitle: About us\n---\n![Team photo](team.png)\n")
    write(root, "pages/about/team.png", png())
    write(
        root,
        "pages/contact.md",
        "---\ntitle: Contact\naliases: [/get-in-touch/]\n---\nWrite to us.\n",
    )
    write(root, "pages/collaborators/nasa/index.md", "---\ntitle: NASA\n---\nA collaborator.\n")
    write(root, "pages/policies/_index.md", "---\ntitle: Policies\n---\nHugo-style section page.\n")
    # Hugo's section page for the blog: the blog index's title and introduction, not a post.
    write(root, "blog/_index.md", "---\ntitle: Our blog\n---\nStories from *our* work.\n")
    write(root, "blog/2023/_index.md", "---\ntitle: The year 2023\n---\nA section of one year.\n")
    write(root, "blog/2023/chart.png", png())  # beside single-file posts: copied as it lies
    write(root, "static/images/logo.png", png())
    write(root, "static/favicon.ico", b"\x00\x00\x01\x00")
    write(
        root,
        "data/menu.yaml",
        "- name: Blog\n  url: /blog/\n- name: About\n  url: /about/\n  children:\n"
        "    - name: NASA\n      url: /collaborators/nasa/\n- name: Elsewhere\n  url: https://example.org/\n",
    )
    write(root, "data/numbers.toml", "answer = 42\n")
