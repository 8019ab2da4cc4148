"""Pages that come from the theme rather than from content: the home page (when no
``content/pages/index.md`` claims ``/``) and the 404 page."""

from pelican.generators import Generator


class ThemePagesGenerator(Generator):
    def home_from_theme(self):
        return "index.html" not in {p.save_as for p in self.context.get("pages", [])}

    def outputs(self):
        """What ``generate_output`` will write, for the check of duplicate addresses."""
        if self.home_from_theme():
            yield ("index.html", "the home page", "generated")
        if self.settings["SITE"]["NOT_FOUND_SAVE_AS"]:
            yield (self.settings["SITE"]["NOT_FOUND_SAVE_AS"], "the 404 page", "generated")

    def generate_output(self, writer):
        site = self.settings["SITE"]
        if self.home_from_theme():
            writer.write_file(
                "index.html",
                self.get_template("home"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url="",
                page=None,
            )
        if site["NOT_FOUND_SAVE_AS"]:
            writer.write_file(
                site["NOT_FOUND_SAVE_AS"],
                self.get_template("404"),
                self.context,
                relative_urls=False,
                url=site["NOT_FOUND_SAVE_AS"],
            )
