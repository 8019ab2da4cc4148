"""Two sources for one output path fail the build with a line naming both, whatever made
them: posts, pages, people, postings, aliases, static and bundle files, the theme's pages
and files, the search page, the sitemap, feeds and listings. Nothing is overwritten, nothing
crashes, and every clash of a run is listed together."""

from robust_helpers import assert_no_traceback, leftovers
from sitetest import build, problem_lines, write

# Each kind of clash in its own paths, so one build lists them all.
FILES = {
    # a person file and a person bundle of one name (as when 2i2c's Hugo site is imported
    # beside the sample team): reported by the people plugin, the second one is not written
    "team/jane.md": "---\nname: Jane Doe\n---\nJane.\n",
    "team/jane/index.md": "---\nname: Jane Doe\n---\nJane again.\n",
    # a file of a person bundle at the person page's own address
    "team/ann/index.md": "---\nname: Ann Lee\n---\nAnn.\n",
    "team/ann/index.html": "<p>Ann's old page</p>\n",
    # a posting and a page
    "jobs/engineer.md": "---\ntitle: Engineer\n---\nx\n",
    "pages/jobs/engineer.md": "---\ntitle: Engineer page\n---\nx\n",
    # aliases onto a person page and a posting
    "jobs/designer.md": "---\ntitle: Designer\n---\nx\n",
    "blog/moved.md": "---\ntitle: Moved\ndate: 2024-02-01\naliases: [/team/ann/, /jobs/designer/]\n---\nx\n",
    # a static file and a page that asks for its path
    "pages/logo.md": "---\ntitle: Logo\nsave_as: images/logo.png\n---\nx\n",
    "static/images/logo.png": b"\x89PNG static",
    # a static file and a post bundle's file
    "static/blog/x/photo.png": b"\x89PNG static",
    "blog/2024/x/index.md": "---\ntitle: X\ndate: 2024-01-01\n---\n![A photo](photo.png)\n",
    "blog/2024/x/photo.png": b"\x89PNG bundle",
    # static files where the theme, the sitemap plugin, a feed and the RSS copy write
    "static/theme/css/style.css": "body {}\n",
    "static/robots.txt": "User-agent: *\n",
    "static/blog/atom.xml": "<feed/>\n",
    "static/blog/index.xml": "<rss/>\n",
    # a post at a year archive's address, pages at the search page's, the 404 page's and
    # the second page of the blog index
    "blog/archive.md": '---\ntitle: "2024"\ndate: 2024-03-01\n---\nx\n',
    "pages/search.md": "---\ntitle: Search us\n---\nx\n",
    "pages/gone.md": "---\ntitle: Gone\nsave_as: 404.html\n---\nx\n",
    "pages/blog/page/2.md": "---\ntitle: Page two\n---\nx\n",
    **{
        f"blog/2023/post{n}.md": f"---\ntitle: Post {n}\ndate: 2023-01-{n + 10}\n---\nx\n"
        for n in range(9)
    },
}

EXPECTED = [
    "blog/2024/x/photo.png: address /blog/x/photo.png is also used by {c}/static/blog/x/photo.png; rename or move one of them",
    "blog/archive.md:2: address /blog/2024/ is also the archive of 2024; give this page another path or slug",
    "blog/moved.md:4: alias '/jobs/designer/' is also the posting {c}/jobs/designer.md:1; remove the alias or move that page",
    "blog/moved.md:4: alias '/team/ann/' is also the person page {c}/team/ann/index.md:1; remove the alias or move that page",
    "pages/blog/page/2.md:2: address /blog/page/2/ is also the blog index; give this page another path or slug",
    "pages/gone.md:2: address /404.html is also the 404 page; give this page another path or slug",
    "pages/jobs/engineer.md:1: address /jobs/engineer/ is the careers plugin's ({c}/jobs/engineer.md); "
    "move this text there or give the page another slug",
    "pages/search.md:2: address /search/ is also the search page; give this page another path or slug",
    "static/blog/atom.xml: address /blog/atom.xml is also the feed of every post; rename or move this file",
    "static/blog/index.xml: address /blog/index.xml is also the copy of the RSS feed; rename or move this file",
    "static/blog/x/photo.png: address /blog/x/photo.png is also used by {c}/blog/2024/x/photo.png; rename or move one of them",
    "static/images/logo.png: address /images/logo.png is also the page {c}/pages/logo.md:2; rename or move this file",
    "static/robots.txt: address /robots.txt is also the robots.txt the sitemap plugin writes; rename or move this file",
    "static/theme/css/style.css: address /theme/css/style.css is also the theme file theme/static/css/style.css; "
    "rename or move this file",
    "team/ann/index.html: address /team/ann/ is also the person page {c}/team/ann/index.md:1; rename or move this file",
    "team/jane/index.md:1: 'jane' also names {c}/team/jane.md; give one of them a different slug or name",
    "team/jane/index.md:1: 'jane-doe' also names {c}/team/jane.md; give one of them a different slug or name",
]


def test_every_kind_of_clash_names_both_sources(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    for relpath, text in FILES.items():
        write(content, relpath, text)

    result = build(content, out)  # publishconf.py: feeds on

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1, result.stderr
    assert problem_lines(result, content) == [
        f"{content}/{line.format(c=content)}" for line in EXPECTED
    ]
    assert not out.exists() and not leftovers(out)


def test_a_clash_leaves_the_previous_output_as_it_was(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    write(content, "team/jane.md", "---\nname: Jane Doe\n---\nJane.\n")
    build(content, out, check=True)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(content, "team/jane/index.md", "---\nname: Jane Doe\n---\nJane again.\n")

    result = build(content, out)

    assert_no_traceback(result.stdout + result.stderr)
    assert result.returncode == 1
    assert len(problem_lines(result, content)) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not leftovers(out)
