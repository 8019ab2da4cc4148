"""Publishing settings: only what differs from pelicanconf.py."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = "https://2i2c.org"
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "blog/atom.xml"
FEED_ALL_RSS = "blog/rss.xml"
CATEGORY_FEED_ATOM = "category/{slug}/atom.xml"
TAG_FEED_ATOM = "tag/{slug}/atom.xml"
# RSS 2.0 where the Hugo site served each term's feed (its permalinks: /tag/X/, /category/X/, /author/X/);
# /index.xml and /blog/index.xml are copies of FEED_ALL_RSS (BLOG["RSS_COPY"], plugins/blog).
CATEGORY_FEED_RSS = "category/{slug}/index.xml"
TAG_FEED_RSS = "tag/{slug}/index.xml"
AUTHOR_FEED_RSS = "author/{slug}/index.xml"
FEED_MAX_ITEMS = None
RSS_FEED_SUMMARY_ONLY = False

DELETE_OUTPUT_DIRECTORY = False  # build_guard builds into a fresh folder and swaps it in

# invoke publish: push the checked build to this branch (docs/architecture.md, "Publishing")
PUBLISH = {"remote": "origin", "branch": "gh-pages", "cname": "2i2c.org"}

# Weekly newsletter and X posts (invoke newsletter); credentials come from the environment.
NEWSLETTER = {
    "from_name": "2i2c",
    "reply_to": "hello@2i2c.org",
    "send_day": "thursday",
    "send_time": "15:00",
}
