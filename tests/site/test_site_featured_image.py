"""A post's featured image heads the page, but is not shown twice when the body already has it."""

from sitetest import build, html

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def post(folder, slug, body):
    (folder / slug).mkdir(parents=True)
    (folder / slug / "chart.svg").write_text(SVG)
    (folder / slug / "index.md").write_text(
        f"---\ntitle: {slug}\ndate: 2024-01-01\nimage: chart.svg\nimage_alt: A chart\n---\n{body}\n"
    )


def test_featured_image_once(tmp_path):
    blog = tmp_path / "content" / "blog"
    post(blog, "in-body", "Intro.\n\n![A chart](chart.svg)\n")
    post(blog, "header-only", "Just text.\n")
    build(tmp_path / "content", tmp_path / "out", check=True)

    def charts(slug):
        page = html(tmp_path / "out" / "blog" / slug / "index.html")
        return [img for img in page.select("main img") if img["src"].endswith("chart.svg")]

    assert len(charts("in-body")) == 1
    header = charts("header-only")
    assert len(header) == 1 and header[0]["alt"] == "A chart"
