"""Template helpers for addresses."""

from urllib.parse import urljoin

from jinja2 import pass_context


@pass_context
def site_url(context, value, base=""):
    """``{{ path | site_url }}``: a site path, or a path relative to ``base`` (a page's
    URL, for bundle images), made into an address under SITEURL; full URLs unchanged."""
    value = str(value or "")
    siteurl = context.get("SITEURL", "").rstrip("/")
    if "://" in value or value.startswith(("//", "mailto:", "#")):
        return value
    if not value.startswith("/"):
        if base or value.startswith("."):
            value = urljoin("/" + str(base).lstrip("/"), value)
        else:  # a page's own URL ("blog/x/"): the common case, kept fast
            value = "/" + value
    return siteurl + value
