"""Every confirmed choice goes along in the transfer dossier when the student chooses it: in the JSON file
(with the route per exam unit) and in the PDF; a choice still waiting for a confirmation is not offered."""

from __future__ import annotations

import json
import subprocess

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.choices.models import Confirmation, ExamUnit, MomentKind, RouteStep, VocationalProgramme
from koers.transfer.models import TransferExport, TransferStatus
from tests.choices.helpers import make_choice, make_moment, make_programme


def confirmed_route(world):
    programme = make_programme(world.school, name="Techniek breed", units=("Lassen", "Solderen"))
    moment = make_moment(world.group, kind=MomentKind.ROUTE, title="Leerroute")
    choice = make_choice(moment, world.student, chosen="Techniek breed", why="Ik maak graag dingen.")
    with scopes_disabled():
        own = VocationalProgramme.objects.get(pk=programme.pk)
        choice.vocational_programme = own
        choice.save()
        lassen = ExamUnit.objects.get(programme=own, texts__nl="Lassen")
        RouteStep.objects.create(school=world.school, choice=choice, unit=lassen, way="explore")
        for confirmer, who in (("mentor", "mentor"), ("guardian", "guardian")):
            Confirmation.objects.create(
                school=world.school, choice=choice, confirmer=confirmer, by=world.users[who]
            )
    return choice


def export_with(world, choice):
    with scopes_disabled():
        return TransferExport.objects.create(
            school=world.school,
            student=world.student,
            receiving_school="Het Nieuwe College",
            selection={"choices": [choice.pk]},
            status=TransferStatus.APPROVED,
        )


def test_a_confirmed_choice_is_offered_and_an_unconfirmed_one_is_not(world, login):
    choice = confirmed_route(world)
    waiting = make_choice(make_moment(world.group, title="Profielkeuze"), world.student, chosen="Groen")

    page = login("student").get(reverse("transfer:choose")).content.decode()

    assert f'value="{choice.pk}"' in page and "Leerroute: Techniek breed" in page
    assert "Profielkeuze: Groen" not in page
    assert waiting.pk != choice.pk


def test_the_json_file_holds_the_confirmed_choice_with_its_route(world, login):
    export = export_with(world, confirmed_route(world))

    document = json.loads(login("student").get(reverse("transfer:json", args=[export.pk])).content)

    [choice] = document["choices"]
    assert (choice["moment"], choice["chosen"], choice["why"]) == (
        "Leerroute",
        "Techniek breed",
        "Ik maak graag dingen.",
    )
    assert choice["route"] == [{"unit": "Lassen", "way": "explore", "deepening": "", "broaden_with": ""}]
    assert choice["confirmed_by"] == ["guardian", "mentor"]


def test_the_pdf_holds_the_confirmed_choice(world, login, tmp_path):
    export = export_with(world, confirmed_route(world))

    response = login("student").get(reverse("transfer:pdf", args=[export.pk]))

    path = tmp_path / "dossier.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Leerroute: Techniek breed" in text
    assert "Lassen" in text
