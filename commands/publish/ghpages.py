"""Commit a built site on top of a git branch (``gh-pages``) and push it, never forcing.

The commit is made in a throw-away repository whose work tree is the output
folder: the project's own repository, index and branches are left alone. When
the branch exists, the new commit's parent is its tip, so the push is a
fast-forward; otherwise the first commit is an orphan.
"""

import base64
import os
import subprocess
import tempfile
from urllib.parse import urlsplit

DEFAULTS = {
    "remote": "origin",  # a remote name of the project's repository, or a URL / path
    "branch": "gh-pages",
    "cname": None,  # custom domain written to CNAME (None: no CNAME file)
}
IDENTITY = {"GIT_AUTHOR_NAME": "2i2c.org publisher", "GIT_AUTHOR_EMAIL": "publisher@2i2c.org"}


class PublishError(Exception):
    pass


def settings(value):
    """``PUBLISH`` merged over the defaults; PublishError names a wrong key."""
    value = value or {}
    unknown = sorted(set(value) - set(DEFAULTS))
    if unknown:
        raise PublishError(
            f"publish: unknown PUBLISH key(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}"
        )
    merged = {**DEFAULTS, **value}
    for key in ("remote", "branch"):
        if not isinstance(merged[key], str) or not merged[key]:
            raise PublishError(f"publish: PUBLISH[{key!r}] must be a non-empty string")
    if merged["cname"] is not None and not isinstance(merged["cname"], str):
        raise PublishError("publish: PUBLISH['cname'] must be a domain name or None")
    return merged


def git(*args, cwd=None, env=None, check=True):
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(f"publish: git {args[0]} failed: {' '.join(result.stderr.split())}")
    return result


def remote_url(remote, project):
    """A remote name of the project's repository becomes its URL; URLs and paths stay."""
    if "/" in remote or ":" in remote or os.path.isdir(remote):
        return remote
    result = git("remote", "get-url", remote, cwd=project, check=False)
    if result.returncode != 0:
        raise PublishError(
            f"publish: the project has no git remote named {remote!r}: "
            "set PUBLISH['remote'] in publishconf.py or pass --remote URL"
        )
    return result.stdout.strip()


def source_commit(project):
    """``abc1234`` (plus a note when the work tree has changes), for the commit message."""
    head = (
        git("rev-parse", "--short", "HEAD", cwd=project, check=False).stdout.strip()
        or "an unknown commit"
    )
    dirty = git(
        "status", "--porcelain", "--untracked-files=no", cwd=project, check=False
    ).stdout.strip()
    return f"{head} with uncommitted changes" if dirty else head


def git_env(url):
    """Git's environment: a commit identity when none is configured, and GitHub's token.

    The token (``GITHUB_TOKEN``, as in GitHub Actions) goes in an HTTP header set
    through GIT_CONFIG_* variables: never in the URL, the command line or the output.
    """
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    if not git("config", "user.name", check=False).stdout.strip():
        for key, value in IDENTITY.items():
            env.setdefault(key, value)
        env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
        env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
    token = os.environ.get("GITHUB_TOKEN")
    parts = urlsplit(url)
    if token and parts.scheme == "https" and parts.hostname == "github.com":
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update(
            {
                "GIT_CONFIG_COUNT": "1",
                "GIT_CONFIG_KEY_0": "http.https://github.com/.extraheader",
                "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}",
            }
        )
    return env


def publish(output, url, branch, cname=None, message="Publish the site"):
    """Push ``output`` as a new commit on ``branch`` of ``url``; returns its sha, or None if unchanged."""
    output = os.path.abspath(output)
    if not os.path.isfile(os.path.join(output, "index.html")):
        raise PublishError(f"publish: {output} has no index.html: build the site first")
    if cname:
        with open(os.path.join(output, "CNAME"), "w") as f:
            f.write(cname.strip() + "\n")
    open(os.path.join(output, ".nojekyll"), "w").close()  # serve folders like _static as they are

    env = git_env(url)
    with tempfile.TemporaryDirectory(prefix="publish-") as tmp:
        repo = ["--git-dir", os.path.join(tmp, "repo.git"), "--work-tree", output]
        git("init", "--quiet", "--bare", os.path.join(tmp, "repo.git"), env=env)
        parent = None
        if (
            git("ls-remote", "--exit-code", "--heads", url, branch, env=env, check=False).returncode
            == 0
        ):
            git(*repo, "fetch", "--quiet", "--depth=1", url, f"refs/heads/{branch}", env=env)
            parent = git(*repo, "rev-parse", "FETCH_HEAD", env=env).stdout.strip()
        git(*repo, "add", "--all", "--force", ".", env=env)
        tree = git(*repo, "write-tree", env=env).stdout.strip()
        if parent and git(*repo, "rev-parse", f"{parent}^{{tree}}", env=env).stdout.strip() == tree:
            return None
        commit = git(
            *repo, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=env
        ).stdout.strip()
        pushed = git(
            *repo, "push", "--quiet", url, f"{commit}:refs/heads/{branch}", env=env, check=False
        )
        if pushed.returncode != 0:
            raise PublishError(
                f"publish: the push to {branch} was refused (did someone publish meanwhile? "
                f"run publish again): {' '.join(pushed.stderr.split())}"
            )
    return commit
