"""schema.org ``JobPosting`` data for open postings, safe inside a <script> element."""

import json
import re

from markupsafe import Markup

SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
REMOTE = re.compile(r"\b(remote|anywhere)\b", re.I)


def script_json(data):
    return Markup(json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_SAFE))


def job_posting(job, settings, conf):
    info = job.info
    site = settings.get("SITEURL", "")
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": info.title,
        "description": job.content,
        "url": f"{site}/{info.url}",
        "employmentType": info.employment_type or conf["employment_type"],
        "hiringOrganization": {
            "@type": "Organization",
            "name": settings.get("SITENAME", ""),
            "sameAs": site or None,
        },
    }
    if not data["hiringOrganization"]["sameAs"]:
        del data["hiringOrganization"]["sameAs"]
    if info.date:
        data["datePosted"] = info.date.date().isoformat()
    if info.deadline_date:
        data["validThrough"] = info.deadline_date.isoformat()
    if REMOTE.search(info.location):
        data["jobLocationType"] = "TELECOMMUTE"
    if info.applicant_locations:
        data["applicantLocationRequirements"] = [
            {"@type": "Country", "name": name} for name in info.applicant_locations
        ]
    if info.salary_min is not None:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": info.salary_min,
                "maxValue": info.salary_max,
                "unitText": "YEAR",
            },
        }
    return data
