"""The column mapping is remembered per school and per kind of export, and the preview names the columns it
did not use."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import runs
from koers.schools.models import School
from tests import factories as f
from tests.schooladmin.import_support import admin_role

# An export with its own column names: no preset recognises "Nr" or "Naam kind".
OWN = b"Nr;Naam kind;Achternaam;Klas;Opmerking\n300001;Ilse;Vos;2K1;allergie\n"
OWN_MAPPING = {
    "columns": {"number": "Nr", "first_name": "Naam kind", "last_name": "Achternaam", "group": "Klas"}
}


def start(school: School, data: bytes, preset: str):
    role = admin_role(school)
    with school_scope(school):
        return runs.start_import(by=role, filename="export.csv", data=data, preset=preset)


def map_as_admin(school: School, run, mapping):
    role = admin_role(school)
    with school_scope(school):
        return runs.map_columns(run=run, by=role, mapping=mapping)


def test_mapping_is_remembered_for_the_next_file_of_the_same_kind(world):
    first = start(world.school, OWN, "manual")
    assert first.summary == {}  # nothing known yet: the admin maps the columns
    map_as_admin(world.school, first, {**OWN_MAPPING, "full_export": True})

    second = start(world.school, OWN, "manual")

    assert second.mapping["columns"] == OWN_MAPPING["columns"]
    assert second.mapping["full_export"] is True
    assert second.summary["counts"]["students_new"] == 1  # previewed at once


def test_mapping_is_remembered_per_preset_and_per_school(world):
    data = b"Stamnr;Roepnaam;Achternaam;Klas;Naam kind\n300001;Ilse;Vos;2K1;Ilse-Marie\n"
    run = start(world.school, data, "magister")
    assert run.mapping["columns"]["first_name"] == "Roepnaam"
    map_as_admin(world.school, run, {"columns": {**run.mapping["columns"], "first_name": "Naam kind"}})

    assert start(world.school, data, "magister").mapping["columns"]["first_name"] == "Naam kind"
    assert start(world.school, data, "somtoday").mapping["columns"]["first_name"] == "Roepnaam"
    with scopes_disabled():
        other = world.other_school
        f.RoleFactory(school=other, kind="admin")
    assert start(other, data, "magister").mapping["columns"]["first_name"] == "Roepnaam"


def test_remembered_column_missing_from_the_new_file_falls_back_to_the_preset(world):
    run = start(
        world.school, b"Stamnr;Roepnaam;Achternaam;Klas;Naam kind\n300001;Ilse;Vos;2K1;I\n", "magister"
    )
    map_as_admin(world.school, run, {"columns": {**run.mapping["columns"], "first_name": "Naam kind"}})

    again = start(world.school, b"Stamnr;Roepnaam;Achternaam;Klas\n300001;Ilse;Vos;2K1\n", "magister")

    assert again.mapping["columns"]["first_name"] == "Roepnaam"


def test_create_groups_is_not_carried_over_to_the_next_file(world):
    run = start(world.school, OWN, "manual")
    map_as_admin(world.school, run, {**OWN_MAPPING, "create_groups": True})

    assert start(world.school, OWN, "manual").mapping["create_groups"] is False


def test_preview_names_the_columns_it_ignored(world, login):
    run = start(world.school, OWN, "manual")
    map_as_admin(world.school, run, OWN_MAPPING)

    response = login("admin").get(reverse("schooladmin:import_preview", args=[run.pk]))

    assert run.summary["ignored_columns"] == ["Opmerking"]
    assert "niet gebruikt: Opmerking" in response.content.decode()
