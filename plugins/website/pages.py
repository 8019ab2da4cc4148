"""Pages that come from the theme rather than from content: the home page (when no
``content/pages/index.md`` claims ``/``) and the 404 page."""

from pelican.generators import Generator


class ThemePagesGenerator(Generator):
    def generate_output(self, writer):
        site = self.settings["SITE"]
        taken = {p.save_as for p in self.context.get("pages", [])}
        if "index.html" not in taken:
            writer.write_file("index.html", self.get_template("home"), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], url="", page=None)
        if site["NOT_FOUND_SAVE_AS"]:
            writer.write_file(site["NOT_FOUND_SAVE_AS"], self.get_template("404"), self.context,
                              relative_urls=False, url=site["NOT_FOUND_SAVE_AS"])
