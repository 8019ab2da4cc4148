"""invoke publish: build, check links, push to gh-pages of a local bare repository."""

import base64
import subprocess
import sys

import pytest
from sitetest import ROOT

from commands.publish.ghpages import PublishError, settings

POST = "---\ntitle: Hello publishing\ndate: 2024-05-01\n---\n\nA first post about gardening.\n"


def write_site(root, extra_post=None):
    content = root / "content"
    for path, text in {
        "blog/hello.md": POST,
        "pages/index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "pages/contact.md": "---\ntitle: Contact\n---\n\nWrite to us.\n",
        "data/menu.yaml": "- name: Blog\n  url: /blog/\n",
        **({"blog/second.md": extra_post} if extra_post else {}),
    }.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text)
    return content


def run_publish(content, output, remote, *extra):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "publish",
            "--content",
            str(content),
            "--output",
            str(output),
            "--remote",
            str(remote),
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def git(repo, *args):
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def bare(tmp_path):
    repo = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(repo)], check=True)
    return repo


def branch_files(repo, branch="gh-pages"):
    return set(git(repo, "ls-tree", "-r", "--name-only", branch).split())


def test_publishes_the_built_site_to_gh_pages(tmp_path, bare):
    content = write_site(tmp_path)
    result = run_publish(content, tmp_path / "out", bare)
    assert result.returncode == 0, result.stdout + result.stderr
    files = branch_files(bare)
    assert {
        "index.html",
        "CNAME",
        ".nojekyll",
        "blog/hello-publishing/index.html",
        "pagefind/bundles.json",
    } <= files
    assert git(bare, "show", "gh-pages:CNAME") == "2i2c.org\n"
    assert "A first post about gardening." in git(
        bare, "show", "gh-pages:blog/hello-publishing/index.html"
    )
    head = git(ROOT, "rev-parse", "--short", "HEAD").strip()
    assert git(bare, "log", "-1", "--format=%s", "gh-pages").startswith(
        f"Publish https://2i2c.org from {head}"
    )


def test_a_second_publish_adds_a_commit_on_top(tmp_path, bare):
    content = write_site(tmp_path)
    assert run_publish(content, tmp_path / "out", bare).returncode == 0
    first = git(bare, "rev-parse", "gh-pages").strip()
    unchanged = run_publish(content, tmp_path / "out", bare)
    assert "Nothing changed" in unchanged.stdout
    assert git(bare, "rev-parse", "gh-pages").strip() == first
    write_site(tmp_path, extra_post="---\ntitle: Second post\ndate: 2024-06-01\n---\n\nMore.\n")
    assert run_publish(content, tmp_path / "out", bare).returncode == 0
    assert git(bare, "rev-list", "--parents", "-1", "gh-pages").split()[1:] == [first]
    assert "blog/second-post/index.html" in branch_files(bare)


def test_a_failing_build_publishes_nothing(tmp_path, bare):
    content = write_site(
        tmp_path, extra_post="---\ntitle: [unclosed\n---\n\nBroken front matter.\n"
    )
    result = run_publish(content, tmp_path / "out", bare)
    assert result.returncode == 1
    assert "the build failed; nothing was published" in result.stderr
    assert git(bare, "branch", "--list") == ""


def test_a_broken_link_publishes_nothing(tmp_path, bare):
    # A missing fragment: the build accepts it, the link checker does not.
    post = "---\ntitle: Links\ndate: 2024-06-01\n---\n\n[Back to the first post](/blog/hello-publishing/#no-such-part)\n"
    content = write_site(tmp_path, extra_post=post)
    result = run_publish(content, tmp_path / "out", bare)
    assert result.returncode == 1
    broken = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("blog/links/index.html: broken link -> ")
    ]
    assert len(broken) == 1 and broken[0].endswith(
        '(no id "no-such-part" in blog/hello-publishing/index.html)'
    )
    assert "broken links (listed above); nothing was published" in result.stderr
    assert git(bare, "branch", "--list") == ""


def test_an_unknown_remote_name_is_explained(tmp_path):
    result = run_publish(write_site(tmp_path), tmp_path / "out", "no-such-remote")
    assert result.returncode == 1
    assert "the project has no git remote named 'no-such-remote'" in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"remte": "origin"}, "unknown PUBLISH key(s) remte"),
        ({"branch": ""}, "PUBLISH['branch'] must be a non-empty string"),
        ({"cname": 42}, "PUBLISH['cname'] must be a domain name or None"),
    ],
)
def test_wrong_settings_are_named(value, message):
    with pytest.raises(PublishError) as caught:
        settings(value)
    assert message in str(caught.value)


def test_github_token_goes_in_a_header_not_the_url(monkeypatch):
    from commands.publish.ghpages import git_env

    monkeypatch.setenv("GITHUB_TOKEN", "s3cret-token")
    env = git_env("https://github.com/2i2c-org/2i2c-org.github.io")
    assert env["GIT_CONFIG_KEY_0"] == "http.https://github.com/.extraheader"
    scheme, value = env["GIT_CONFIG_VALUE_0"].split("basic ")
    assert scheme == "AUTHORIZATION: "
    assert base64.b64decode(value).decode() == "x-access-token:s3cret-token"
    # Other hosts and local paths never get the token.
    assert "GIT_CONFIG_COUNT" not in git_env("https://gitlab.example/site.git")
    assert "GIT_CONFIG_COUNT" not in git_env("/tmp/remote.git")
