"""The search page: a Generator that renders the theme's ``search`` template once."""

from pelican.generators import Generator


class SearchPageGenerator(Generator):
    def generate_output(self, writer):
        options = self.settings["SEARCH"]
        writer.write_file(
            options["save_as"],
            self.get_template(options["template"]),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=options["url"],
        )
