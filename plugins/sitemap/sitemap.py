"""List every HTML page the build wrote, except redirects and error pages.

The generator runs after every other plugin's generators (list this plugin last
in ``PLUGINS``), so pages written by any plugin are included, while drafts and
future posts, which are never written, cannot be.
"""

import os
from xml.sax.saxutils import escape

from pelican.generators import Generator

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def page_urls(output_path, skip):
    """Site paths (``blog/x/``, ``about/``, ``404.html``) of the HTML files written."""
    for folder, dirs, files in os.walk(output_path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = os.path.relpath(folder, output_path).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            save_as = rel_folder + name
            if save_as in skip:
                continue
            yield save_as, (rel_folder if name == "index.html" else save_as)


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
