"""Reading a transfer file in at the receiving school: strict, all or nothing, enrolled students only."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.dossier.models import Ambition, Evidence, Experience, Reflection, StudentTrait
from koers.schools.models import Role
from koers.transfer.domain.moving import import_transfer
from koers.transfer.models import TransferExport, TransferImport, TransferStatus
from koers.transfer.serialize import parse_transfer
from tests import factories as f


@pytest.fixture
def document(login, world):
    """A real transfer file, downloaded by the student at the first school."""
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Meelopen bij de brandweer")
        evidence = f.EvidenceFactory(experience=experience)
        reflection = f.ReflectionFactory(experience=experience)
        f.ReflectionAnswerFactory(reflection=reflection, text="Ik bleef rustig.")
        trait = f.StudentTraitFactory(student=world.student)
        ambition = f.AmbitionFactory(student=world.student, dream="Brandweer")
        f.AmbitionStepFactory(ambition=ambition, text="Sportief blijven")
        action = f.ActionFactory(student=world.student)
        export = TransferExport.objects.create(
            school=world.school,
            student=world.student,
            receiving_school="De Overkant",
            selection={
                "experiences": [experience.pk],
                "evidence": [evidence.pk],
                "reflections": [reflection.pk],
                "traits": [trait.pk],
                "ambitions": [ambition.pk],
                "actions": [action.pk],
            },
            status=TransferStatus.APPROVED,
        )
    response = login("student").get(reverse("transfer:json", args=[export.pk]))
    login("student").logout()
    return json.loads(response.content)


def _upload(document):
    return SimpleUploadedFile("dossier.json", json.dumps(document).encode(), content_type="application/json")


def _post(client, world, document, **extra):
    data = {"student": world.other_student.pk, "confirm": "on", "file": _upload(document), **extra}
    return client.post(reverse("transfer:read_in"), data)


def _nothing_written(world):
    with scopes_disabled():
        return not Experience.objects.filter(student=world.other_student).exists() and not (
            TransferImport.objects.exists()
        )


def test_transfer_import_writes_every_item_into_the_dossier(login, world, document):
    response = _post(login("outsider"), world, document)

    assert response.status_code == 302
    with scopes_disabled():
        done = TransferImport.objects.get()
        experience = Experience.objects.get(student=world.other_student)
        assert experience.title == "Meelopen bij de brandweer (van Het Baken)"
        assert Evidence.objects.get(experience=experience).content_type == "image/jpeg"
        assert Reflection.objects.get(experience=experience).answers.get().text == "Ik bleef rustig."
        assert StudentTrait.objects.filter(student=world.other_student).count() == 1
        assert Ambition.objects.get(student=world.other_student).steps.get().text == "Sportief blijven"
    assert done.counts == {
        "experiences": 1,
        "evidence": 1,
        "reflections": 1,
        "traits": 1,
        "ambitions": 1,
        "actions": 1,
    }
    assert done.items["experiences"] == [experience.pk]
    assert (done.source_school, done.enrolment_confirmed) == ("Het Baken", True)


def test_transfer_import_needs_the_enrolment_confirmed(login, world, document):
    response = _post(login("outsider"), world, document, confirm="")

    assert "confirm" in response.context["form"].errors
    assert _nothing_written(world)


def test_transfer_import_refuses_a_student_who_left(login, world, document):
    with scopes_disabled():
        world.other_student.left_on = timezone.localdate() - dt.timedelta(days=1)
        world.other_student.save()

    response = _post(login("outsider"), world, document)

    assert "student" in response.context["form"].errors
    assert _nothing_written(world)


def test_transfer_import_refuses_a_student_not_yet_joined(login, world, document):
    with scopes_disabled():
        world.other_student.joined_on = timezone.localdate() + dt.timedelta(days=30)
        world.other_student.save()

    response = _post(login("outsider"), world, document)

    assert "student" in response.context["form"].errors


def test_transfer_import_refuses_a_student_of_another_school(login, world, document):
    data = {"student": world.student.pk, "confirm": "on", "file": _upload(document)}

    response = login("outsider").post(reverse("transfer:read_in"), data)

    assert "student" in response.context["form"].errors


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="iets-anders"), "geen overdrachtsbestand"),
        (lambda d: d.update(version=2), "versie"),
        (lambda d: d["experiences"][0]["evidence"][0].update(data="@@niet base64@@"), "base64"),
        (
            lambda d: d["experiences"][0]["evidence"][0].update(
                data=base64.b64encode(b"gewoon tekst").decode()
            ),
            "geen foto",
        ),
        (lambda d: d["experiences"][0].update(title=""), "leeg"),
        (lambda d: d["experiences"][0].update(happened_on="gisteren"), "datum"),
        (lambda d: d["reflections"][0].update(experience="e-onbekend"), "staat niet in het bestand"),
        (lambda d: d.update(actions="geen lijst"), "lijst"),
    ],
)
def test_transfer_import_refuses_a_broken_file_with_a_dutch_reason(login, world, document, change, message):
    broken = copy.deepcopy(document)
    change(broken)

    response = _post(login("outsider"), world, broken)

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert _nothing_written(world)


def test_transfer_import_refuses_text_that_is_not_json(login, world):
    upload = SimpleUploadedFile("dossier.json", b"\x00\x01 geen json")

    response = login("outsider").post(
        reverse("transfer:read_in"), {"student": world.other_student.pk, "confirm": "on", "file": upload}
    )

    assert "geen geldige JSON" in str(response.context["form"].errors["file"])


def test_transfer_import_refuses_a_file_that_is_too_large(login, world, document, monkeypatch):
    monkeypatch.setattr("koers.transfer.forms.MAX_FILE_BYTES", 100)

    response = _post(login("outsider"), world, document)

    assert "te groot" in str(response.context["form"].errors["file"])


def test_transfer_import_is_all_or_nothing(world, document, monkeypatch):

    incoming = parse_transfer(json.dumps(document).encode())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("koers.transfer.domain.moving.Action.objects.create", broken)
    with scopes_disabled():
        role = Role.objects.get(user=world.users["outsider"])
        with pytest.raises(RuntimeError):
            import_transfer(by=role, student=world.other_student, enrolment_confirmed=True, incoming=incoming)
        assert _nothing_written(world)
        assert (
            not Evidence.objects.exists() or Evidence.objects.filter(student=world.other_student).count() == 0
        )


def test_transfer_import_page_offers_only_enrolled_students(login, world):
    with scopes_disabled():
        gone = f.StudentFactory(
            school=world.school, user__first_name="Vertrokken", left_on=dt.date(2020, 1, 1)
        )

    response = login("counsellor").get(reverse("transfer:read_in"))

    choices = [value for value, _label in response.context["form"].fields["student"].choices if value]
    assert gone.pk not in [int(str(c)) for c in choices]
    assert world.student.pk in [int(str(c)) for c in choices]
