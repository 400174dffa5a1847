"""Leavers: recorded by hand, from the follow-up choices or a CSV file; the question list by personal link
without an account (once, expiring, hashed); outcome figures per year and track with nothing shown for fewer
than five students; nothing links a former student's answer to them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.models import MomentKind
from koers.quality.domain.leavers import WRONG_LINKS, _hash
from koers.quality.models import Audience, Destination, EvaluationResponse, Leaver, LeaverInvite
from koers.schools.models import SchoolYear
from tests.careers.factories import ProgrammeFactory
from tests.choices.helpers import make_choice, make_moment
from tests.quality.factories import EvaluationRoundFactory, LeaverFactory

LEAVER_QUESTIONS = [
    {
        "key": "right_choice",
        "kind": "scale",
        "text": "Mijn opleiding past bij mij.",
        "nl": "Mijn opleiding past bij mij.",
        "translations": {"ar": "الدراسة تناسبني."},
    },
    {"key": "tip", "kind": "text", "text": "Wat is je tip voor de school?", "translations": {}},
]


def _leaver_round(world, **values):
    with scopes_disabled():
        return EvaluationRoundFactory(
            school_year=world.group.school_year,
            audience=Audience.LEAVER,
            questions=LEAVER_QUESTIONS,
            **values,
        )


def _link_of(message) -> str:
    return re.search(r"https?://\S+/kwaliteit/oud-leerling/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_counsellor_records_a_leaver_by_hand_and_bad_input_keeps_it_and_saves_nothing(world, login):
    client = login("counsellor")
    url = reverse("quality:leavers")
    bad = client.post(
        url,
        {"new-name": "Sara Yilmaz", "new-left_in": "", "new-destination": "mbo", "new-email": "geen-adres"},
    )
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Sara Yilmaz" in page and "geldig e-mailadres" in page
    with scopes_disabled():
        assert not Leaver.objects.exists()
    good = client.post(
        url,
        {
            "new-name": "Sara Yilmaz",
            "new-left_in": "2024-2025",
            "new-track": "vmbo_k",
            "new-destination": "mbo",
            "new-programme": "Verzorgende IG",
            "new-stayed": "true",
        },
    )
    assert good.status_code == 302
    with scopes_disabled():
        leaver = Leaver.objects.get()
    assert leaver.stayed is True and leaver.school == world.school
    edit = client.post(
        reverse("quality:leaver", args=[leaver.pk]),
        {"name": "Sara Yilmaz", "left_in": "2024-2025", "destination": "work", "stayed": "unknown"},
    )
    assert edit.status_code == 302
    leaver.refresh_from_db()
    assert leaver.destination == Destination.WORK and leaver.stayed is None


def test_leavers_are_filled_from_the_follow_up_choices_once(world, login):
    with scopes_disabled():
        programme = ProgrammeFactory(kind="mbo", texts={"nl": "Kok"})
    moment = make_moment(world.group, kind=MomentKind.FOLLOW_UP, title="Vervolgopleiding")
    make_choice(moment, world.student, chosen="Kok", programme=programme, institution="ROC Midden")
    make_choice(moment, world.classmate, chosen="Naar de havo")
    client = login("counsellor")
    url = reverse("quality:leavers_fill")
    client.post(url, {"school_year": world.group.school_year.pk})
    client.post(url, {"school_year": world.group.school_year.pk})
    with scopes_disabled():
        by_student = {leaver.student_id: leaver for leaver in Leaver.objects.all()}
    assert len(by_student) == 2
    cook = by_student[world.student.pk]
    assert (cook.destination, cook.programme, cook.institution) == (Destination.MBO, "Kok", "ROC Midden")
    assert cook.left_in == world.group.school_year.name and cook.track == world.group.track
    assert by_student[world.classmate.pk].destination == Destination.HAVO_VWO


def test_import_is_all_or_nothing_and_names_the_bad_line(world, login):
    client = login("counsellor")
    url = reverse("quality:leavers_import")
    bad = (
        "naam;schooljaar;leerweg;ging naar;gebleven\n"
        "Amir;2024-2025;vmbo_k;mbo;ja\n"
        "Bram;2024-2025;vmbo_k;ruimte;nee\n"
    )
    response = client.post(url, {"file": SimpleUploadedFile("oud.csv", bad.encode())})
    assert response.status_code == 400 and "Regel 3" in response.content.decode()
    with scopes_disabled():
        assert not Leaver.objects.exists()
    good = bad.replace("ruimte", "havo")
    assert client.post(url, {"file": SimpleUploadedFile("oud.csv", good.encode())}).status_code == 302
    with scopes_disabled():
        assert sorted(Leaver.objects.values_list("name", "destination", "stayed")) == [
            ("Amir", "mbo", True),
            ("Bram", "havo_vwo", False),
        ]


def test_former_student_answers_once_by_link_without_an_account(
    world, login, django_capture_on_commit_callbacks
):
    evaluation = _leaver_round(world)
    with scopes_disabled():
        leaver = LeaverFactory(school=world.school, name="Oudleerling Fatima", email="fatima@example.org")
        LeaverFactory(school=world.school, email="")  # no address: no mail
    counsellor = login("counsellor")
    with django_capture_on_commit_callbacks(execute=True):
        counsellor.post(reverse("quality:leavers_invite"), {"evaluation": evaluation.pk, "days": 30})
    (message,) = mail.outbox
    assert message.to == ["fatima@example.org"]
    link = _path(_link_of(message))
    with scopes_disabled():
        invite = LeaverInvite.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invite.token_hash == _hash(token) and token not in invite.token_hash
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"  # the language menu of any page
    page = visitor.get(link)
    assert page.status_code == 200 and "الدراسة تناسبني." in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    empty = visitor.post(link, {})
    assert empty.status_code == 400
    done = visitor.post(link, {"q-right_choice": "4", "q-tip": "Meer open dagen"})
    assert done.status_code == 200
    with scopes_disabled():
        response = EvaluationResponse.objects.get()
    assert response.group == leaver.left_in and response.answers == {
        "right_choice": 4,
        "tip": "Meer open dagen",
    }
    again = visitor.post(link, {"q-right_choice": "1"})
    assert again.status_code == 410
    with scopes_disabled():
        assert EvaluationResponse.objects.count() == 1
    # Sending again mails nobody: the one link was used.
    with django_capture_on_commit_callbacks(execute=True):
        counsellor.post(reverse("quality:leavers_invite"), {"evaluation": evaluation.pk, "days": 30})
    assert len(mail.outbox) == 1


def test_an_expired_link_a_closed_round_and_guessing_are_refused(world, client):
    evaluation = _leaver_round(world)
    with scopes_disabled():
        leaver = LeaverFactory(school=world.school)
        LeaverInvite.objects.create(
            school=world.school,
            leaver=leaver,
            round=evaluation,
            token_hash=_hash("verlopen-link"),
            expires_at=timezone.now() - dt.timedelta(minutes=1),
        )
        LeaverInvite.objects.create(
            school=world.school,
            leaver=leaver,
            round=evaluation,
            token_hash=_hash("werkende-link"),
            expires_at=timezone.now() + dt.timedelta(days=3),
        )
    url = lambda token: reverse("quality:leaver_answer", args=[token])  # noqa: E731
    assert client.get(url("verlopen-link")).status_code == 410
    assert client.get(url("werkende-link")).status_code == 200
    with scopes_disabled():
        evaluation.closed_at = timezone.now()
        evaluation.save()
    closed = client.post(url("werkende-link"), {"q-right_choice": "3"})
    assert closed.status_code == 410
    for n in range(WRONG_LINKS.limit):
        assert client.get(url(f"geraden-{n}")).status_code == 404
    assert client.get(url("werkende-link")).status_code == 429
    with scopes_disabled():
        assert not EvaluationResponse.objects.exists()


def test_outcomes_hide_every_figure_below_five_students(world, login):
    with scopes_disabled():
        for n in range(6):
            LeaverFactory(
                school=world.school, track="vmbo_k", destination="mbo" if n < 3 else "havo_vwo", stayed=n != 0
            )
        for _ in range(4):
            LeaverFactory(school=world.school, track="havo", destination="higher")
        evaluation = _leaver_round(world)
        for score in (4, 4, 3, 2):
            EvaluationResponse.objects.create(
                school=world.school, round=evaluation, group="2024-2025", answers={"right_choice": score}
            )
    client = login("leader")
    page = client.get(reverse("quality:leaver_outcomes")).content.decode()
    assert "minder dan 5 leerlingen: geen cijfer" in page  # havo: four
    assert "50%" in page  # vmbo kader: 3 of 6 went to mbo
    assert "83%" in page  # 5 of 6 stayed
    assert "minder dan 5 antwoorden" in page
    with scopes_disabled():
        EvaluationResponse.objects.create(
            school=world.school, round=evaluation, group="2024-2025", answers={"right_choice": 1}
        )
    page = client.get(reverse("quality:leaver_outcomes")).content.decode()
    assert "60% positief" in page
    with scopes_disabled():
        names = list(Leaver.objects.values_list("name", flat=True))
    for shown in (page, client.get(reverse("quality:leader")).content.decode()):
        assert not any(name in shown for name in names)


def test_another_schools_leaver_is_not_found(world, login):
    with scopes_disabled():
        theirs = LeaverFactory(school=world.other_school)
    client = login("counsellor")
    assert client.get(reverse("quality:leaver", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("quality:leaver_remove", args=[theirs.pk])).status_code == 404
    with scopes_disabled():
        other_round = EvaluationRoundFactory(
            school_year=SchoolYear.objects.get(school=world.other_school), audience=Audience.LEAVER
        )
    client.post(reverse("quality:leavers_invite"), {"evaluation": other_round.pk, "days": 30})
    with scopes_disabled():
        assert not LeaverInvite.objects.exists()


@pytest.mark.parametrize("size", [2, 14])
def test_leaver_pages_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        for n in range(size):
            LeaverFactory(
                school=world.school, left_in=f"202{n % 3}-202{n % 3 + 1}", track=["havo", "vwo"][n % 2]
            )
        evaluation = _leaver_round(world)
        for _ in range(size):
            EvaluationResponse.objects.create(
                school=world.school, round=evaluation, group="2020-2021", answers={"right_choice": 3}
            )
    client = login("counsellor")
    for name in ("quality:leaver_outcomes", "quality:leavers"):
        client.get(reverse(name))
    with django_assert_num_queries(4):
        client.get(reverse("quality:leaver_outcomes"))
    with django_assert_num_queries(9):
        client.get(reverse("quality:leavers"))


def test_no_results_view_export_or_report_links_a_former_students_answer_to_them(world, login, tmp_path):
    """Anonymity for every results view of the leavers' list: the evaluation results and CSV, the outcomes,
    the leader's page and the yearly report show no name, address or answer's key of a former student."""
    evaluation = _leaver_round(world)
    with scopes_disabled():
        leavers = [
            LeaverFactory(
                school=world.school, name=f"Anoniemeoudleerling{n}", email=f"anoniem{n}@example.org"
            )
            for n in range(6)
        ]
        invites = []
        for n, leaver in enumerate(leavers):
            invite = LeaverInvite.objects.create(
                school=world.school,
                leaver=leaver,
                round=evaluation,
                token_hash=_hash(f"anoniem-{n}"),
                expires_at=timezone.now() + dt.timedelta(days=3),
            )
            invites.append(invite)
    visitor = Client()
    for n in range(6):
        visitor.post(
            reverse("quality:leaver_answer", args=[f"anoniem-{n}"]), {"q-right_choice": str(1 + n % 4)}
        )
    with scopes_disabled():
        evaluation.closed_at = timezone.now()
        evaluation.save()
        responses = list(EvaluationResponse.objects.filter(round=evaluation))
    assert len(responses) == 6
    client = login("counsellor")
    pages = [
        client.get(reverse("quality:evaluation_results", args=[evaluation.pk])).content.decode(),
        client.get(reverse("quality:evaluation_results_csv", args=[evaluation.pk])).content.decode(
            "utf-8-sig"
        ),
        client.get(reverse("quality:leaver_outcomes")).content.decode(),
        client.get(reverse("quality:leader")).content.decode(),
    ]
    if shutil.which("pdftotext"):
        path = tmp_path / "jaarverslag.pdf"
        path.write_bytes(client.get(reverse("quality:report")).content)
        pages.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    for page in pages:
        for leaver in leavers:
            assert leaver.name not in page and leaver.email not in page
        for response in responses:
            assert str(response.pk) not in page
        for invite in invites:
            assert invite.token_hash not in page
    # The answer carries only the leaving year; the invite only that it was used, not what was answered.
    assert {response.group for response in responses} == {"2024-2025"}
    assert {f.name for f in LeaverInvite._meta.concrete_fields} == {
        "id",
        "school",
        "leaver",
        "round",
        "token_hash",
        "expires_at",
        "used",
    }
