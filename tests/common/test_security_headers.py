import pytest


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def login_page(client, db):
    return client.get("/inloggen/")


@pytest.fixture
def student_page(login):
    response = login("student").get("/", follow=True)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("page", ["login_page", "student_page"])
def test_page_csp_forbids_inline_script_and_style(page, request):
    response = request.getfixturevalue(page)

    directives = csp_directives(response)

    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize("page", ["login_page", "student_page"])
def test_page_cannot_be_framed(page, request):
    response = request.getfixturevalue(page)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("page", ["login_page", "student_page"])
def test_page_sends_nosniff_and_referrer_policy(page, request):
    response = request.getfixturevalue(page)

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {
        "same-origin",
        "no-referrer",
        "strict-origin-when-cross-origin",
    }


def test_login_page_is_in_dutch_by_default(login_page):
    html = login_page.content.decode()

    assert '<html lang="nl"' in html
    assert "Inloggen" in html


def test_student_page_is_in_dutch_by_default(student_page):
    html = student_page.content.decode()

    assert '<html lang="nl"' in html
    assert "Mijn dossier" in html
