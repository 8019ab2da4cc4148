"""The newsletter sign-up box is in the footer of every page and under every post."""

from project_helpers import html


def signup_forms(node):
    return node.select("section.newsletter form.newsletter-form") if node else []


def pages_of(out):
    found = []
    for path in sorted(out.rglob("*.html")):
        doc = html(path)
        if doc.find("meta", attrs={"http-equiv": "refresh"}) is None:  # not a redirect page
            found.append((path.relative_to(out), doc))
    return found


def test_every_page_has_the_sign_up_form_in_its_footer(blog):
    found = pages_of(blog)
    assert len(found) > 30
    actions = set()
    for path, doc in found:
        forms = signup_forms(doc.select_one("body > footer.site-footer"))
        assert len(forms) == 1, path
        email = forms[0].select_one("input[type=email][required]")
        assert email is not None and forms[0].select_one(f"label[for='{email['id']}']"), path
        actions.add(forms[0]["action"])
    assert len(actions) == 1 and actions.pop().startswith("https://")


def test_every_post_has_the_sign_up_form_under_it(blog):
    posts = sorted(
        p
        for p in blog.glob("blog/*/index.html")
        if not p.parent.name.isdigit() and p.parent.name != "page"
    )
    assert len(posts) > 20
    for path in posts:
        doc = html(path)
        article = doc.select_one("main article.post")
        under = signup_forms(article.select_one(":scope > footer.post-footer"))
        assert len(under) == 1, path
        ids = [tag["id"] for tag in doc.select("[id]")]
        assert len(ids) == len(set(ids)), f"{path}: the two sign-up boxes share an id"
