"""Job postings, /jobs/ and the salary tables (fixture: tests/fixtures/team)."""

import json
import math
import shutil
import tomllib
from fractions import Fraction

import pytest
from sitetest import FIXTURES, HUGO_SAMPLE, build, html, problem_lines, write

CONTENT = FIXTURES / "team" / "content"


@pytest.fixture
def out(team_site):
    return team_site


def expected_steps(base, percent=2, steps=4, overrides=None):
    """The published rule, computed here on its own: each step is `percent` over the
    previous step, whole dollars (cents dropped); an explicit amount replaces its step."""
    overrides = overrides or {}
    amounts = [overrides.get(1, base)]
    for step in range(2, steps + 1):
        amounts.append(
            overrides.get(step, math.floor(Fraction(amounts[-1]) * (100 + percent) / 100))
        )
    return amounts


def money(amount):
    return "$" + format(amount, ",")


def table_rows(page):
    return {
        table.caption.get_text(strip=True): [
            (tr.th.get_text(strip=True), tr.td.get_text(strip=True))
            for tr in table.tbody.find_all("tr")
        ]
        for table in page.select("table.salary-table")
    }


def test_salary_tables_follow_the_step_rule(out):
    # fixture data: OSIE L1 base 100000; L2 base 120000 with S4 given as 131000; Director L1 base 157500
    osie = [(1, expected_steps(100000)), (2, expected_steps(120000, overrides={4: 131000}))]
    director = [(1, expected_steps(157500))]

    def rows(role, levels):
        return [
            (f"{role} L{level} - S{step}", money(amount))
            for level, amounts in levels
            for step, amount in enumerate(amounts, 1)
        ]

    assert table_rows(html(out / "jobs/index.html")) == {
        "Open Source Infrastructure Engineer": rows("Open Source Infrastructure Engineer", osie),
        "Director of Engineering": rows("Director of Engineering", director),
    }
    # spot checks of the rule itself
    assert expected_steps(100000) == [100000, 102000, 104040, 106120]
    assert expected_steps(120000)[-1] == 127344


def test_open_and_closed_postings(out):
    page = html(out / "jobs/index.html")
    cards = page.select("#open-positions ~ .job-cards .job-card")
    assert [c.h3.get_text(strip=True) for c in cards] == [
        "Technical Writer",
        "Open Source Infrastructure Engineer",
    ]
    assert [a.get_text(strip=True) for a in page.select(".job-archive li a")] == ["Product Lead"]
    assert [a["href"] for a in page.select(".job-archive li a")] == [
        "https://2i2c.org/jobs/2023/old-role/"
    ]
    engineer = cards[1]
    assert [li.get_text(strip=True) for li in engineer.select(".job-duties li")] == [
        "Run cloud infrastructure for research hubs",
        "Improve open source tools upstream",
    ]
    assert (
        engineer.select_one(".job-location").get_text(strip=True)
        == "Remote, overlapping with US Pacific working hours"
    )
    assert engineer.select_one("a.button")["href"] == "https://2i2c.org/jobs/2024/engineer/"
    # the intro file jobs/_index.md gives the title and the text above the cards
    assert page.h1.get_text(strip=True) == "Work with us"
    assert "We grow our team when projects allow." in page.select_one(".prose").get_text()


def test_closed_posting_has_banner_and_no_apply_button(out):
    closed = html(out / "jobs/2023/old-role/index.html")
    banner = closed.select_one(".job-closed-banner")
    assert "closed to applications" in banner.get_text()
    assert closed.select(".job-apply") == []
    assert closed.select_one(".job-salary").get_text(strip=True) == "$110,000 - $130,000"
    assert closed.find_all("script", type="application/ld+json") == []
    opened = html(out / "jobs/2024/writer/index.html")
    assert opened.select(".job-closed-banner") == []
    assert opened.select_one(".job-apply")["href"] == "https://apply.example.org/writer"
    assert (
        opened.select_one(".job-deadline").decode_contents()
        == "We review applications from <strong>July 1st</strong> until the role is filled."
    )


def test_posting_range_equals_the_table_rows(out):
    rows = dict(table_rows(html(out / "jobs/index.html"))["Open Source Infrastructure Engineer"])
    expected = f"{rows['Open Source Infrastructure Engineer L2 - S1']} - {rows['Open Source Infrastructure Engineer L2 - S4']}"
    assert expected == "$120,000 - $131,000"
    posting = html(out / "jobs/2024/engineer/index.html")
    assert posting.select_one(".job-salary").contents[0].strip() == expected
    card = (
        html(out / "jobs/index.html")
        .select_one('.job-card a[href$="/jobs/2024/engineer/"]')
        .find_parent("article")
    )
    assert card.select_one(".job-salary").get_text(strip=True) == expected


def test_open_posting_jobposting_jsonld(out):
    page = html(out / "jobs/2024/engineer/index.html")
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Open Source Infrastructure Engineer"
    assert "We are hiring an engineer." in data["description"]
    assert data["datePosted"] == "2024-05-01"
    assert data["validThrough"] == "2030-01-31"
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "2i2c",
        "sameAs": "https://2i2c.org",
    }
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "United States"},
        {"@type": "Country", "name": "Canada"},
    ]
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 120000,
            "maxValue": 131000,
            "unitText": "YEAR",
        },
    }
    # a body with '</script>' text cannot close the element early
    raw = (out / "jobs/2024/engineer/index.html").read_text()
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    # free-text ranges become numbers too
    writer = json.loads(
        html(out / "jobs/2024/writer/index.html").find("script", type="application/ld+json").string
    )
    assert (
        writer["baseSalary"]["value"]["minValue"] == 75000
        and writer["baseSalary"]["value"]["maxValue"] == 85000
    )
    assert "validThrough" not in writer  # its deadline is text, not a date


# --- problems -------------------------------------------------------------


def test_bad_salary_data_and_postings_fail_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    write(
        content,
        "data/salaries.yaml",
        """\
step_increase_percent: 2
steps: 4
roles:
  - name: Engineer
    levels:
      - level: 1
        base: 100000
      - level: 2
        base: a lot
      - level: 3
  - name: Director
    levels:
      - level: 1
        base: 150000
        steps: {3: "150k"}
""",
    )
    write(content, "jobs/role.md", "---\ntitle: A\nopen: true\nrole: Astronaut\nlevel: 1\n---\nx\n")
    write(
        content, "jobs/level.md", "---\ntitle: B\nopen: true\nrole: engineer\nlevel: L7\n---\nx\n"
    )
    write(
        content,
        "jobs/both.md",
        "---\ntitle: C\nopen: false\nsalary_range: $1 - $2\nrole: Engineer\nlevel: 1\n---\nx\n",
    )
    write(content, "jobs/open.md", '+++\ntitle = "D"\nopen = "maybe"\n+++\nx\n')
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/data/salaries.yaml:9: role 'Engineer' level 2: base salary 'a lot' is not a number; write whole US dollars per year, like 120000",
        f"{content}/data/salaries.yaml:10: role 'Engineer' level 3 has no 'base' salary: add 'base: 100000' (the S1 amount, USD per year)",
        f"{content}/data/salaries.yaml:15: role 'Director' level 1: S3 salary '150k' is not a number; write whole US dollars per year, like 131000",
        f"{content}/jobs/both.md:4: give either 'salary_range' or 'role' + 'level', not both: the range is computed from the salary table",
        f"{content}/jobs/level.md:5: role 'Engineer' has no level 'L7' in {content}/data/salaries.yaml (known levels: 1)",
        f"{content}/jobs/open.md:3: 'open' must be true or false, got 'maybe'",
        f"{content}/jobs/role.md:4: unknown role 'Astronaut': it is not in {content}/data/salaries.yaml (known roles: Engineer, Director)",
    ]


def test_hugo_job_files_load_as_they_are(tmp_path):
    """2i2c's real 2021-2023 postings (TOML, open = "false", free-text ranges), copied unedited."""
    content = tmp_path / "content"
    shutil.copytree(HUGO_SAMPLE / "content" / "jobs", content / "jobs")
    out = tmp_path / "out"
    # The postings link to pages of the full site, which this small site does not have.
    build(content, out, settings={"LINKS": {"missing": "warn"}}, check=True)

    postings = [p for p in (content / "jobs").rglob("*.md") if p.name != "_index.md"]
    assert len(postings) == 8
    for path in postings:
        front = tomllib.loads(path.read_text().split("+++")[1])
        page = html(out / path.relative_to(content).with_suffix("") / "index.html")
        assert page.h1.get_text(strip=True) == front["title"]
        assert "closed to applications" in page.select_one(".job-closed-banner").get_text()
        if front["salary_range"]:
            assert page.select_one(".job-salary").get_text(strip=True) == front["salary_range"]
    jobs = html(out / "jobs/index.html")
    assert jobs.h1.get_text(strip=True) == "Jobs at 2i2c"
    assert len(jobs.select(".job-archive li")) == 8
    assert jobs.select(".job-card") == []
    assert "no open positions" in jobs.select_one(".no-jobs").get_text()


def test_careers_redirects_to_jobs(out):
    page = html(out / "careers/index.html")
    assert (
        page.find("meta", attrs={"http-equiv": "refresh"})["content"]
        == "0; url=https://2i2c.org/jobs/"
    )


def test_two_writers_of_one_address_are_reported(tmp_path):
    content = tmp_path / "content"
    write(content, "pages/jobs/index.md", "---\ntitle: Jobs\n---\nx\n")
    write(content, "pages/team/index.md", "---\ntitle: Team\n---\nx\n")
    write(content, "jobs/x.md", "---\ntitle: A\n---\nx\n")
    write(content, "jobs/x/index.md", "---\ntitle: B\n---\nx\n")
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert lines == [
        f"{content}/jobs/x/index.md:1: posting address /jobs/x/ is also used by {content}/jobs/x.md; rename one of them",
        f"{content}/pages/jobs/index.md:1: address /jobs/ is the careers plugin's ({content}/jobs/index.md); move this text there or give the page another slug",
        f"{content}/pages/team/index.md:1: address /team/ is the people plugin's ({content}/team/index.md); move this text there or give the page another slug",
    ]


def test_salary_file_that_is_not_yaml_is_reported_once(tmp_path):
    content = tmp_path / "content"
    write(content, "data/salaries.yaml", "roles:\n  - name: [x\n")
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    lines = problem_lines(result, content)
    assert len(lines) == 1 and lines[0].startswith(f"{content}/data/salaries.yaml:2: invalid YAML")


@pytest.mark.parametrize("drafts", [False, True])
def test_draft_postings_and_people_only_with_show_drafts(tmp_path, drafts):
    content = tmp_path / "content"
    write(content, "jobs/secret.md", "---\ntitle: Secret\nopen: true\ndraft: true\n---\nx\n")
    write(content, "jobs/shown.md", "---\ntitle: Shown\nopen: true\n---\nx\n")
    write(content, "team/hidden.md", "---\nname: Hidden Person\ndraft: true\n---\nx\n")
    out = tmp_path / "out"
    build(content, out, settings={"SHOW_DRAFTS": drafts}, check=True)
    cards = [c.h3.get_text(strip=True) for c in html(out / "jobs/index.html").select(".job-card")]
    assert cards == (["Secret", "Shown"] if drafts else ["Shown"])
    assert (out / "jobs/secret/index.html").exists() == drafts
    assert (out / "team/hidden/index.html").exists() == drafts


def test_job_shortcodes_through_the_engine(tmp_path):
    """{{% job_details %}} in a posting and {{< open_jobs >}} on a page, rendered by the shortcode engine."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    write(content, "pages/hiring/index.md", "---\ntitle: Hiring\n---\n{{< open_jobs >}}\n")
    build(content, tmp_path / "out", check=True)
    post = html(tmp_path / "out/jobs/2024/engineer/index.html")
    assert len(post.select(".job-details")) == 1
    assert "{{" not in post.get_text()
    hiring = html(tmp_path / "out/hiring/index.html")
    titles = [c.h3.get_text(strip=True) for c in hiring.select(".job-card")]
    assert titles == ["Technical Writer", "Open Source Infrastructure Engineer"]
