"""Settings for local builds and previews. publishconf.py adds what publishing needs.

Every plugin's own settings are documented, with their defaults, in docs/architecture.md.
"""

# --- Site -----------------------------------------------------------------
SITENAME = "2i2c"
SITE_DESCRIPTION = (
    "2i2c runs open source, cloud-based interactive computing for research "
    "and education communities, and helps sustain the tools it is built on."
)
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

PATH = "content"
THEME = "theme"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["static", "blog", "pages"]  # files beside posts and pages are copied next to them
EXTRA_PATH_METADATA = {}
IGNORE_FILES = [".*", "README.md", "__pycache__"]  # _index.md is read: see README "Pages"

# --- Plugins (order matters: build_guard first, so it sees every error) ----
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "build_guard",
    "frontmatter",
    "shortcodes",
    "links",
    "mermaid",  # ```mermaid fences drawn into inline SVG (docs/markdown.md)
    "hugo_habits",
    "website",
    "blocks",  # after website: a page with blocks gets the landing template
    "blog",
    "images",  # after website and hugo_habits: it reads page URLs and featured images
    "people",
    "related",  # after people and links: backlinks read both
    "careers",
    "search",
    "newsletter",
    "analytics",
    "fastbuild",
    "sitemap",  # last: it lists the pages every other plugin wrote
]

# --- Team and careers (defaults in plugins/people/config.py, plugins/careers/config.py)
PEOPLE = {
    "group_order": ["Steering Council", "Open Engineering Team", "Founders"],
}
CAREERS = {}

# --- Analytics: off unless a provider is given (plugins/analytics/settings.py, docs/theme.md)
ANALYTICS = {}

# --- Related posts and backlinks (defaults, 2i2c's Hugo related: config, in plugins/related/settings.py;
# docs/related.md), Mermaid diagrams (defaults in plugins/mermaid/plugin.py; docs/markdown.md)
RELATED = {}
MERMAID = {}

# --- URLs (the same shapes as 2i2c's Hugo site) ----------------------------
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
YEAR_ARCHIVE_URL = "blog/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "blog/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_URL = "blog/"
INDEX_SAVE_AS = "blog/index.html"
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DEFAULT_CATEGORY = "blog"
SLUGIFY_SOURCE = "title"

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Links (defaults in plugins/links/plugin.py) ---------------------------
# The old site's deploy kept /blog/YEAR/SLUG/ alive, and posts lived under /posts/ until 2022.
LINKS = {"old_paths": ["/blog/{folder}/", "/posts/{folder}/"]}

# --- Markdown --------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.smarty": {},
        # GitHub-flavoured Markdown as Hugo writes it: bare addresses become links, ~~strike~~, task lists
        "sitelib.frontmatter.linkify": {},
        "pymdownx.tilde": {"subscript": False},
        "pymdownx.tasklist": {},
        # Hugo's enableEmoji (goldmark-emoji, GitHub's names): :tada: becomes the Unicode character, not in code
        "sitelib.frontmatter.emoji": {},
        # the toc extension's ids and permalinks, without its table unless [TOC] asks (sitelib/frontmatter/headings.py)
        "sitelib.frontmatter.headings": {
            "permalink": "#",
            "permalink_title": "Link to this section",
        },
    },
    "output_format": "html5",
}

# --- Feeds (off while previewing; publishconf.py turns them on) ------------
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
USE_FOLDER_AS_CATEGORY = False

# Escape every value rendered in templates; rendered Markdown is marked |safe where used.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [],
}
