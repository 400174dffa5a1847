"""Taking the dossier along: the student chooses, approves, and downloads a PDF and a JSON file."""

from __future__ import annotations

import base64
import json
import subprocess

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.audit import record_access
from koers.access.models import AuditEntry
from koers.schools.models import Role
from koers.transfer.domain.moving import save_selection
from koers.transfer.models import TransferExport, TransferStatus
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


@pytest.fixture
def mine(world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Meelopen bij de brandweer")
        return {
            "experience": experience,
            "evidence": f.EvidenceFactory(experience=experience, caption="Op de ladderwagen"),
            "other": f.ExperienceFactory(student=world.student, title="Bijbaan bij de bakker"),
            "ambition": f.AmbitionFactory(student=world.student, dream="Ambulanceverpleegkundige worden"),
            "action": f.ActionFactory(student=world.student, what="Open dag ROC bezoeken"),
        }


def _choose(client, data):
    return client.post(reverse("transfer:choose"), data)


def _approved_export(world, mine, **selection):
    with scopes_disabled():
        return TransferExport.objects.create(
            school=world.school,
            student=world.student,
            receiving_school="Het Nieuwe College",
            selection={
                "experiences": [mine["experience"].pk],
                "evidence": [mine["evidence"].pk],
                "ambitions": [mine["ambition"].pk],
                **selection,
            },
            status=TransferStatus.APPROVED,
        )


def test_transfer_choose_creates_a_draft_with_only_the_chosen_items(login, world, mine):
    response = _choose(
        login("student"),
        {"receiving_school": "Het Nieuwe College", "experiences": [mine["experience"].pk]},
    )
    with scopes_disabled():
        export = TransferExport.objects.get()
    assert response.status_code == 302
    assert export.status == TransferStatus.DRAFT
    assert export.selection["experiences"] == [mine["experience"].pk]
    assert export.selection["ambitions"] == []


def test_transfer_choose_refuses_a_classmates_item(login, world, mine):
    with scopes_disabled():
        theirs = f.ExperienceFactory(student=world.classmate)

    response = _choose(login("student"), {"receiving_school": "X", "experiences": [theirs.pk]})

    assert response.status_code == 200
    assert "experiences" in response.context["form"].errors
    with scopes_disabled():
        assert not TransferExport.objects.exists()


def test_transfer_save_selection_drops_pks_of_others(world, mine, in_school):

    theirs = f.ExperienceFactory(student=world.classmate)
    role = Role.objects.get(user=world.student.user)

    export = save_selection(
        by=role,
        student=world.student,
        receiving_school="X",
        selection={"experiences": [mine["experience"].pk, theirs.pk]},
    )

    assert export.selection["experiences"] == [mine["experience"].pk]


def test_transfer_choose_refuses_evidence_without_its_experience(login, world, mine):
    response = _choose(login("student"), {"receiving_school": "X", "evidence": [mine["evidence"].pk]})

    assert response.status_code == 200
    assert "ervaring" in str(response.context["form"].errors["experiences"])


def test_transfer_choose_keeps_the_typed_school_on_error(login, world, mine):
    response = _choose(login("student"), {"receiving_school": "Het Nieuwe College"})

    assert response.status_code == 200
    assert 'value="Het Nieuwe College"' in response.content.decode()


def test_transfer_approve_needs_the_checkbox(login, world, mine):
    export = _approved_export(world, mine)
    with scopes_disabled():
        TransferExport.objects.filter(pk=export.pk).update(status=TransferStatus.DRAFT)

    response = login("student").post(reverse("transfer:approve", args=[export.pk]), {})

    export.refresh_from_db()
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    assert export.status == TransferStatus.DRAFT


def test_transfer_approve_with_the_checkbox_approves(login, world, mine):
    export = _approved_export(world, mine)
    with scopes_disabled():
        TransferExport.objects.filter(pk=export.pk).update(status=TransferStatus.DRAFT)

    login("student").post(reverse("transfer:approve", args=[export.pk]), {"confirm": "on"})

    export.refresh_from_db()
    assert export.status == TransferStatus.APPROVED
    assert export.approved_at is not None


def test_transfer_pdf_of_a_draft_is_404(login, world, mine):
    export = _approved_export(world, mine)
    with scopes_disabled():
        TransferExport.objects.filter(pk=export.pk).update(status=TransferStatus.DRAFT)

    with nothing_written(TransferExport):
        response = login("student").get(reverse("transfer:pdf", args=[export.pk]))

    assert_not_found(response)  # the page, not the PDF of a draft


def test_transfer_pdf_holds_the_chosen_items_only(login, world, mine, tmp_path):
    export = _approved_export(world, mine)

    response = login("student").get(reverse("transfer:pdf", args=[export.pk]))

    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "cv.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Meelopen bij de brandweer" in text
    assert "Ambulanceverpleegkundige worden" in text
    assert "Bijbaan bij de bakker" not in text


def test_transfer_pdf_embeds_the_photo(login, world, mine, tmp_path):
    export = _approved_export(world, mine)

    response = login("student").get(reverse("transfer:pdf", args=[export.pk]))

    path = tmp_path / "cv.pdf"
    path.write_bytes(response.content)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
    assert len(listing.strip().splitlines()) == 3  # two header lines and one picture


def test_transfer_download_writes_one_audit_row_also_for_the_student(login, world, mine):
    export = _approved_export(world, mine)

    login("student").get(reverse("transfer:json", args=[export.pk]))

    with scopes_disabled():
        rows = list(AuditEntry.objects.filter(student=world.student))
    assert [(row.action, row.actor_id) for row in rows] == [("export", world.student.user_id)]


def test_transfer_own_dossier_views_are_still_not_logged(world, in_school):

    record_access(role=Role.objects.get(user=world.student.user), student=world.student)

    assert not AuditEntry.objects.exists()


def test_transfer_json_is_the_documented_format_with_files(login, world, mine):
    export = _approved_export(world, mine)

    response = login("student").get(reverse("transfer:json", args=[export.pk]))

    document = json.loads(response.content)
    assert (document["format"], document["version"]) == ("koers-transfer", 1)
    assert document["source_school"] == "Het Baken"
    [experience] = document["experiences"]
    [photo] = experience["evidence"]
    assert photo["content_type"] == "image/jpeg"
    assert base64.b64decode(photo["data"])[:3] == b"\xff\xd8\xff"
    assert [a["dream"] for a in document["ambitions"]] == ["Ambulanceverpleegkundige worden"]
    assert document["actions"] == []
