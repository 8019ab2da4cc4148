"""Shortcode handlers for the engine of the shortcodes plugin.

They reach the engine through the named signal ``shortcode_handlers``.
"""

from .catalog import current
from .jobs import job_info


def job_details(sc):
    """The details card of the posting the shortcode is in.

    Syntax: ``{{% job_details %}}``
    Output: salary, location, deadline, duties and the apply button, exactly as
    the posting page shows them (the page then leaves out its own copy).
    """
    catalog = current()
    info, _ = job_info(sc.page.metadata, sc.page.relpath, catalog.table, sc.settings)
    return catalog.render("includes/job_details.html", job=info)


def open_jobs(sc):
    """Cards for the open postings, as on /jobs/.

    Syntax: ``{{< open_jobs >}}``
    Output: one card per open posting (title, duties, salary, location, link),
    or a short "not hiring right now" note.
    """
    catalog = current()
    if catalog.loading:
        raise ValueError("open_jobs lists the postings, so a posting cannot contain it")
    return catalog.render("includes/job_cards.html", jobs=[job.info for job in catalog.open_jobs()])


def handlers(sender):
    return {"job_details": job_details, "open_jobs": open_jobs}
