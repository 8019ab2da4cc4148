"""List every HTML page the build wrote, except redirects and error pages.

Pages are known from Pelican's ``content_written`` signal, which every page
written through Pelican's writer sends, by any plugin, once the page is on disk
(fastbuild renders each generator's pages after its output). The generator
runs after every other plugin's generators (list this plugin last in ``PLUGINS``),
so pages of any plugin are included, while drafts and future posts, which are
never written, cannot be.
"""

import os
from xml.sax.saxutils import escape

from pelican.generators import Generator

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
WRITTEN = set()  # absolute paths of the pages written during this build


def note_written(path, context=None):
    """``content_written``: one more page."""
    WRITTEN.add(os.path.abspath(path))


def page_urls(output_path, skip):
    """Site paths (``blog/x/``, ``about/``, ``404.html``) of the HTML pages written, in path order."""
    output_path = os.path.abspath(output_path)
    pages = []
    for path in WRITTEN:
        save_as = os.path.relpath(path, output_path).replace(os.sep, "/")
        if not save_as.endswith(".html") or save_as.startswith("../") or save_as in skip:
            continue
        if any(part.startswith(".") for part in save_as.split("/")):
            continue
        folder, _, name = save_as.rpartition("/")
        pages.append(((folder.split("/") if folder else [], name), save_as))
    for (parts, name), save_as in sorted(pages):
        folder = "/".join(parts) + "/" if parts else ""
        yield save_as, (folder if name == "index.html" else save_as)


class SitemapGenerator(Generator):
    def generate_output(self, writer):
        settings = self.settings["SITEMAP_SETTINGS"]
        siteurl = self.settings.get("SITEURL", "")
        skip = set(self.context.get("redirects", [])) | set(settings["EXCLUDE"])
        modified = {}
        for key in ("articles", "pages"):
            for content in self.context.get(key, []):
                date = getattr(content, "modified", None) or getattr(content, "date", None)
                if date:
                    modified[content.save_as] = date.date().isoformat()
        parts = [HEADER]
        for save_as, path in page_urls(self.output_path, skip):
            parts.append(f"  <url><loc>{escape(siteurl + '/' + path)}</loc>")
            if save_as in modified:
                parts.append(f"<lastmod>{modified[save_as]}</lastmod>")
            parts.append("</url>\n")
        parts.append("</urlset>\n")
        with open(os.path.join(self.output_path, "sitemap.xml"), "w", encoding="utf-8") as f:
            f.write("".join(parts))
        with open(os.path.join(self.output_path, "robots.txt"), "w", encoding="utf-8") as f:
            f.write(f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n")
