import pytest
from django.urls import reverse

from tests import factories as f


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


# --- more pages, downloads and the development defaults (privacy by the rules) ---


@pytest.fixture
def admin_privacy_page(login):
    response = login("admin").get("/privacy/")
    assert response.status_code == 200
    return response


@pytest.fixture
def csv_download(login):
    response = login("counsellor").get("/privacy/export/leerlingen.csv")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("page", ["login_page", "student_page", "admin_privacy_page", "csv_download"])
def test_every_kind_of_answer_forbids_inline_code_and_framing(page, request):
    response = request.getfixturevalue(page)

    directives = csp_directives(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_csv_download_is_an_attachment_that_is_not_cached(csv_download):
    assert csv_download.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in csv_download.headers["Cache-Control"]


def test_page_keeps_camera_and_microphone_to_own_origin_and_geolocation_off(student_page):
    policy = student_page.headers["Permissions-Policy"]

    assert "geolocation=()" in policy
    assert "camera=(self)" in policy


def test_page_isolates_its_browsing_context(student_page):
    assert student_page.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_plain_http_development_sends_no_hsts(login_page):
    # HSTS on a development server would lock the browser out of http://localhost; production sends it
    # (tests/common/test_deploy_check.py).
    assert "Strict-Transport-Security" not in login_page.headers


@pytest.mark.parametrize(
    "persona,url",
    [
        ("student", "/"),
        ("mentor", "/"),
        ("guardian", "/"),
        ("counsellor", "/"),
    ],
)
def test_signed_in_pages_are_never_stored_by_the_browser(login, persona, url):
    response = login(persona).get(url, follow=True)

    assert response.status_code == 200
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert "Cookie" in response.headers["Vary"]


def test_signed_in_downloads_are_never_stored_either(login, world, in_school):

    evidence = f.EvidenceFactory(student=world.student, experience=f.ExperienceFactory(student=world.student))
    response = login("student").get(reverse("dossier:evidence_file", args=[evidence.pk]))

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
