"""The register of personal data covers every model, and finds a student's rows and files."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from koers.access.tenancy import school_scope
from koers.schools.models import Student
from koers.transfer.register import REGISTER, entry_for, files_of, rows_of
from tests import factories as f

# Models that hold no personal data, each with the reason. A model belongs here only when none of its fields
# can identify a person; anything with a link to a user or student goes in the register.
NOT_PERSONAL: dict[str, str] = {
    "auth.Permission": "Django's permission names; no person.",
    "auth.Group": "Django's permission groups (unused); links to users live in the through table of User.",
    "contenttypes.ContentType": "Names of models.",
    "schools.School": "The school itself: name and settings.",
    "schools.SchoolYear": "Names and dates of school years.",
    "schools.Group": "Names of classes; who is in them is in Membership.",
    "lob.Trait": "The shipped catalogue of qualities and motives.",
    "lob.ReflectionPrompt": "The shipped reflection prompts.",
    "conversations.ConversationType": "Kinds of conversation the school holds.",
    "conversations.ConversationRound": "Periods in which conversations are planned.",
    "programme.ActivityType": "Kinds of programme activity.",
    "programme.Assignment": "The school's bank of assignments.",
    "accounts.SchoolLoginPolicy": "How a school lets people log in; no person.",
    "django_tasks_database.DBTaskResult": "The task queue: only the id of a background.Job, never a person.",
    "background.ScheduleRun": "Which schedule ran in which period.",
    "careers.Sector": "The shipped catalogue of sectors.",
    "careers.MboDomain": "The shipped mbo domains.",
    "careers.Occupation": "The catalogue of occupations (shipped, or added by a school).",
    "careers.Programme": "The catalogue of programmes (shipped, or added by a school).",
    "careers.InterestField": "The interest test's fields of interest.",
    "careers.InterestItem": "The interest test's statements.",
    "careers.CatalogueEdit": "A school's correction or hiding of a catalogue entry.",
    "careers.Prospect": "A school's record of an occupation's prospects, with its source.",
    "careers.Offer": "Regional schools offering a programme.",
    "careers.OpenDay": "Open days and taster days a counsellor recorded.",
    "choices.ChoiceMoment": "When students of a track and year level choose, and who confirms; no person.",
    "choices.VocationalProgramme": "A vocational programme (shipped profile or the school's own); no person.",
    "choices.ExamUnit": "An exam unit of a vocational programme; no person.",
    "choices.Deepening": "A deepening the school offers for an exam unit; no person.",
    "quality.ScanItem": "The school's self-scan statements.",
    "quality.ScanAnswer": "A score and remark on a statement; the person is on its ScanResponse.",
    "quality.Task": "The school's list of career-guidance tasks.",
    "quality.Questionnaire": "The school's evaluation question lists.",
    "quality.EvaluationRound": "A round of an evaluation: its name, dates and questions.",
    "quality.EvaluationResponse": "Anonymous answers: no person, no time, only a group of five or more.",
}


def _user_model() -> type[models.Model]:
    return apps.get_model(settings.AUTH_USER_MODEL)


def _points_at_a_person(model: type[models.Model]) -> bool:
    people = {Student, _user_model()}
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete and field.related_model in people:
            return True
    return model in people


def _all_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if not m._meta.proxy]


def test_register_every_model_is_either_registered_or_explained():
    registered = {entry.label for entry in REGISTER}
    missing = [m._meta.label for m in _all_models() if m._meta.label not in registered | set(NOT_PERSONAL)]
    assert missing == [], f"add these to transfer/register/ or to NOT_PERSONAL with a reason: {missing}"


def test_register_models_linked_to_a_person_are_never_called_not_personal():
    wrongly = [
        m._meta.label for m in _all_models() if m._meta.label in NOT_PERSONAL and _points_at_a_person(m)
    ]
    assert wrongly == []


def test_register_not_personal_names_only_existing_models():
    existing = {m._meta.label for m in _all_models()}
    assert set(NOT_PERSONAL) <= existing


def test_register_lists_each_model_once():
    labels = [entry.label for entry in REGISTER]
    assert len(labels) == len(set(labels))


def test_register_models_with_a_student_key_have_a_student_path():
    lacking = [
        entry.label
        for entry in REGISTER
        if entry.student_path is None
        and any(
            f.is_relation and f.concrete and f.related_model is Student
            for f in entry.model._meta.get_fields()
        )
    ]
    assert lacking == []


def test_register_file_fields_are_named_and_complete():
    for entry in REGISTER:
        file_fields = {
            field.name for field in entry.model._meta.concrete_fields if isinstance(field, models.FileField)
        }
        assert set(entry.files) == file_fields, entry.label


def test_register_every_entry_explains_itself():
    for entry in REGISTER:
        assert entry.purpose and entry.who_sees and entry.kept, entry.label


def test_register_entry_for_finds_model_and_instance(world, in_school):
    assert entry_for(Student).model is Student
    assert entry_for(world.student).model is Student
    assert entry_for(apps.get_model("schools.School")) is None


@pytest.mark.django_db
def test_register_student_paths_resolve(world, in_school):
    for _entry, rows in rows_of(world.student):
        rows.exists()  # raises FieldError for a broken path


def test_register_rows_of_finds_the_students_rows_only(world, in_school):
    mine = f.ExperienceFactory(student=world.student)
    f.ExperienceFactory(student=world.classmate)
    answer = f.ReflectionAnswerFactory(reflection=f.ReflectionFactory(student=world.student, experience=mine))
    found = {entry.label: list(rows) for entry, rows in rows_of(world.student)}
    assert found["dossier.Experience"] == [mine]
    assert found["dossier.ReflectionAnswer"] == [answer]
    assert found["schools.Student"] == [world.student]
    assert found["schools.User"] == [world.student.user]
    assert [g.guardian for g in found["schools.Guardianship"]] == [world.users["guardian"]]


def test_register_rows_of_stays_in_the_school(world):

    with school_scope(world.other_school):
        found = {entry.label: list(rows) for entry, rows in rows_of(world.student)}
    assert found["schools.Student"] == []


def test_register_files_of_finds_evidence_and_voice(world, in_school):
    experience = f.ExperienceFactory(student=world.student)
    evidence = f.EvidenceFactory(student=world.student, experience=experience)
    f.EvidenceFactory(student=world.classmate, experience=f.ExperienceFactory(student=world.classmate))
    names = [stored.name for stored in files_of(world.student)]
    assert names == [evidence.file.name]


# Field names that look like a secret but are not one, each with the reason.
NOT_SECRET: dict[str, str] = {
    "schools.Role.staff_code": "The school's short name for a staff member (printed on timetables).",
    "notifications.Notification.key": "Names the thing and day a notification is about, to send it once.",
    "lob.Trait.key": "The catalogue name of a quality or motive.",
    "lob.ReflectionPrompt.key": "The catalogue name of a prompt.",
    "programme.Assignment.key": "The catalogue name of an assignment.",
}
SECRET_LOOKING = re.compile(r"hash|token|secret|password|passwd|key|salt|otp|session_data|code|seed|nonce")


def test_register_every_secret_looking_field_is_never_exported():
    missing = []
    for entry in REGISTER:
        for field in entry.model._meta.concrete_fields:
            label = f"{entry.label}.{field.name}"
            if field.is_relation or label in NOT_SECRET or not SECRET_LOOKING.search(field.name):
                continue
            if field.name not in entry.copy.secrets or field in entry.copied_fields():
                missing.append(label)
    assert missing == [], f"mark these as secrets in COPY_RULES (or explain them in NOT_SECRET): {missing}"


def test_register_copy_rules_name_real_fields():
    for entry in REGISTER:
        names = {field.name for field in entry.model._meta.concrete_fields}
        rule = entry.copy
        assert set(rule.secrets) | set(rule.staff_only) <= names, entry.label
        assert rule.author is None or rule.author in names, entry.label
