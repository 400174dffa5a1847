import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from koers.access.models import AuditEntry
from koers.common.uploads import UploadKind, check_upload
from koers.dossier.models import Evidence, Experience
from koers.partners.domain import internships as domain
from koers.partners.domain import links
from koers.partners.models import LinkUse, LogDay, SupervisorFeedback
from tests.partners import factories as pf


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def internship(world, in_school):
    return pf.InternshipFactory(place__partner__school=world.school, student=world.student)


def test_student_logs_two_days_with_a_photo_on_the_page(world, login, internship):
    client = login("student")
    today = timezone.localdate()
    for days_ago in (2, 1):
        response = client.post(
            reverse("partners:log_day", args=[internship.pk]),
            {
                "day": (today - dt.timedelta(days=days_ago)).isoformat(),
                "hours": "6",
                "what": "Klanten geholpen",
                "photo": SimpleUploadedFile("dag.jpg", jpeg(), content_type="image/jpeg"),
            },
        )
        assert response.status_code == 302
    page = client.get(reverse("partners:internship", args=[internship.pk])).content.decode()

    assert LogDay.objects.filter(internship=internship).count() == 2
    assert all(d.photo for d in LogDay.objects.all())
    assert "12" in page  # hours in total


def test_a_log_day_outside_the_internship_is_refused(world, role_of, internship):
    with pytest.raises(ValidationError) as refused:
        domain.log_day(
            by=role_of("student"),
            internship=internship,
            day=internship.place.starts_on - dt.timedelta(days=1),
            hours=Decimal(4),
            what="Te vroeg",
        )

    assert "day" in refused.value.error_dict
    assert not LogDay.objects.exists()


def test_mentor_viewing_the_internship_is_audited(login, internship):
    login("mentor").get(reverse("partners:internship", args=[internship.pk]))

    assert AuditEntry.objects.filter(student=internship.student).count() == 1


def test_the_agreement_pdf_names_who_agreed(world, role_of, login, internship):
    domain.record_signature(
        by=role_of("mentor"),
        internship=internship,
        party="guardian",
        name="Fatma Yilmaz",
        agreed_on=timezone.localdate(),
    )

    response = login("mentor").get(reverse("partners:agreement", args=[internship.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# --- the supervisor's link ---


def test_supervisor_opens_the_link_without_logging_in_and_gives_feedback(world, role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)

    page = client.get(reverse("partners:supervisor", args=[token]))
    sent = client.post(
        reverse("partners:supervisor", args=[token]),
        {"kind": "midway", "text": "Samira werkt netjes en vraagt veel."},
    )

    assert page.status_code == 200
    assert world.student.name in page.content.decode()
    assert sent.status_code == 200
    assert SupervisorFeedback.objects.get().text.startswith("Samira werkt netjes")
    assert list(LinkUse.objects.order_by("at").values_list("action", flat=True)) == ["opened", "feedback"]


def test_the_supervisor_page_keeps_its_link_on_the_site_but_lets_the_form_post(role_of, client, internship):
    # "no-referrer" makes a browser send "Origin: null" with the feedback form, which the CSRF check refuses
    # (the browser journey found it); "same-origin" sends no Referer elsewhere and a real Origin here.
    token = links.make_link(by=role_of("mentor"), internship=internship)

    page = client.get(reverse("partners:supervisor", args=[token]))

    assert page["Referrer-Policy"] == "same-origin"


def test_the_supervisor_page_shows_nothing_of_other_students(world, role_of, client, internship):
    pf.InternshipFactory(place=internship.place, student=world.classmate)
    pf.LogDayFactory(internship=internship, what="Geheim logboek")
    token = links.make_link(by=role_of("mentor"), internship=internship)

    html = client.get(reverse("partners:supervisor", args=[token])).content.decode()

    assert world.classmate.name not in html
    assert "Geheim logboek" not in html


def test_an_expired_link_says_so(role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship, days=1)
    later = timezone.now() + dt.timedelta(days=2)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        response = client.get(reverse("partners:supervisor", args=[token]))

    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert LinkUse.objects.get().action == "refused"


def test_a_revoked_link_says_so(role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)
    link = internship.links.get()
    links.revoke_link(by=role_of("mentor"), link=link)

    response = client.get(reverse("partners:supervisor", args=[token]))

    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_a_new_link_stops_the_old_one(role_of, client, internship):
    old = links.make_link(by=role_of("mentor"), internship=internship)
    links.make_link(by=role_of("mentor"), internship=internship)

    assert client.get(reverse("partners:supervisor", args=[old])).status_code == 410


def test_guessing_links_is_rate_limited(role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)
    for n in range(links.WRONG_LINKS.limit):
        assert client.get(reverse("partners:supervisor", args=[f"guess{n}"])).status_code == 404

    response = client.get(reverse("partners:supervisor", args=[token]))

    assert response.status_code == 429


def test_an_end_assessment_needs_every_point(role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)

    response = client.post(
        reverse("partners:supervisor", args=[token]),
        {"kind": "final", "text": "Goed gedaan", "rating_punctual": "good"},
    )

    assert response.status_code == 400
    assert not SupervisorFeedback.objects.exists()


def test_the_supervisor_page_can_be_in_english(role_of, client, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship, language="en")

    html = client.get(reverse("partners:supervisor", args=[token])).content.decode()

    assert 'lang="en"' in html


# --- afterwards ---


def test_student_reflects_and_the_experience_shows_shared_feedback(world, role_of, login, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)
    link = links.open_link(token, address="1.2.3.4")
    links.give_feedback(
        link=link,
        kind="final",
        text="Een aanwinst voor het team.",
        ratings=dict.fromkeys(links.POINTS, "good"),
    )

    response = login("student").post(
        reverse("partners:reflect", args=[internship.pk]),
        {
            "what_i_did": "Banden gewisseld",
            "went_well": "Samenwerken",
            "learned_about_me": "",
            "share_feedback": "on",
        },
    )
    experience = Experience.objects.get(student=world.student)
    page = login("student").get(reverse("dossier:experience", args=[experience.pk])).content.decode()

    assert response.status_code == 302
    assert experience.kind == "internship"
    assert "Een aanwinst voor het team." in page


def test_feedback_stays_out_of_the_dossier_unless_shared(world, role_of, internship):
    token = links.make_link(by=role_of("mentor"), internship=internship)
    links.give_feedback(link=links.open_link(token, address="x"), kind="midway", text="Prive", ratings={})

    domain.reflect_afterwards(
        by=role_of("student"), internship=internship, what_i_did="x", went_well="", learned_about_me=""
    )

    assert "Prive" not in Experience.objects.get().went_well


def test_class_presentation_photo_lands_in_the_dossier(world, role_of, internship):

    domain.reflect_afterwards(
        by=role_of("student"), internship=internship, what_i_did="x", went_well="", learned_about_me=""
    )
    photo = check_upload(SimpleUploadedFile("p.jpg", jpeg(), content_type="image/jpeg"), UploadKind.IMAGE)

    domain.record_presentation(
        by=role_of("mentor"),
        internship=internship,
        presented_on=timezone.localdate(),
        class_said="Goede tips",
        photo=photo,
    )

    assert Evidence.objects.filter(experience__student=world.student, kind="photo").count() == 1
