"""The tenancy canary: school-owned data cannot be read without a school scope, and one school never sees
another's rows. Models are discovered, so a new school-owned model is checked without anyone remembering to.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from django_scopes import ScopeError, scopes_disabled

from koers.access.tenancy import school_scope
from koers.background.models import Job
from koers.choices.models import (
    AllocationRun,
    ChoiceStance,
    Confirmation,
    Deepening,
    Preference,
    RouteStep,
)
from koers.notifications.models import Notification
from koers.partners import models as pm
from koers.programme.models import ActivityFeedback
from koers.quality import models as q
from koers.schools.models import School
from tests import factories as f
from tests.careers import factories as careers
from tests.choices.helpers import make_choice, make_module, make_moment, make_placement, make_programme
from tests.once import built_once
from tests.partners import factories as pf


def school_owned_models() -> list[type[models.Model]]:
    """Every concrete model with a foreign key to School."""
    found = []
    for model in apps.get_models():
        if any(
            isinstance(field, models.ForeignKey) and field.related_model is School
            for field in model._meta.get_fields()
        ):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


SCHOOL_OWNED = school_owned_models()
LABELS = [m._meta.label for m in SCHOOL_OWNED]


def partner_rows(school: School, student: Any) -> list[Any]:
    """One row of each model of the partners area."""

    internship = pf.InternshipFactory(place__partner__school=school, student=student)
    link = pm.SupervisorLink.objects.create(
        school=school,
        internship=internship,
        token_hash=f"canary-{school.pk}",
        supervisor_name="Henk",
        expires_at=internship.approved_at,
    )
    return [
        internship.place.partner,
        internship.place,
        internship,
        pf.ContactPersonFactory(partner=internship.place.partner),
        pm.ContactMoment.objects.create(
            school=school,
            partner=internship.place.partner,
            on=internship.place.starts_on,
            about="Kennismaking",
        ),
        pf.WishFactory(place=internship.place, student=student),
        pm.AgreementSignature.objects.create(
            school=school,
            internship=internship,
            party="school",
            name="De school",
            agreed_on=internship.place.starts_on,
        ),
        pf.LogDayFactory(internship=internship),
        pm.Visit.objects.create(
            school=school, internship=internship, on=internship.place.starts_on, notes="Goed bezig"
        ),
        link,
        pm.LinkUse.objects.create(school=school, link=link, action="opened"),
        pm.SupervisorFeedback.objects.create(
            school=school, internship=internship, kind="midway", text="Prima", supervisor_name="Henk"
        ),
        pm.ClassPresentation.objects.create(
            school=school, internship=internship, presented_on=internship.place.starts_on
        ),
    ]


def quality_rows(school: School, student: Any, mentor: Any, year: Any) -> list[Any]:
    """One row of each model of the quality area."""
    item = q.ScanItem.objects.create(school=school, key="k", theme=q.Theme.VISION, text="Stelling")
    scan_round = q.ScanRound.objects.create(school=school, school_year=year, name="Zelfscan")
    response = q.ScanResponse.objects.create(
        school=school, round=scan_round, respondent=mentor, respondent_kind="mentor"
    )
    goal = q.Goal.objects.create(school=school, level=q.GoalLevel.STRATEGIC, title="Doel")
    task = q.Task.objects.create(school=school, key="k", name="Taak")
    evaluation = q.EvaluationRound.objects.create(
        school=school, audience=q.Audience.STUDENT, school_year=year, name="E"
    )
    leaver = q.Leaver.objects.create(
        school=school, student=student, name="Oud", left_in="2025-2026", destination="mbo"
    )
    return [
        item,
        scan_round,
        response,
        q.ScanAnswer.objects.create(school=school, response=response, item=item, score=2),
        goal,
        q.GoalReview.objects.create(school=school, goal=goal, note="n"),
        task,
        q.TaskAssignment.objects.create(school=school, task=task, part=q.Part.DOES, kind="mentor"),
        q.Questionnaire.objects.get(school=school, audience=q.Audience.STUDENT),  # every school has one
        evaluation,
        q.EvaluationTicket.objects.create(school=school, round=evaluation, user=mentor),
        q.EvaluationResponse.objects.create(school=school, round=evaluation, group="3"),
        leaver,
        q.LeaverInvite.objects.create(
            school=school,
            leaver=leaver,
            round=evaluation,
            token_hash=f"h{school.pk}",
            expires_at=timezone.now(),
        ),
        q.LearningWish.objects.create(school=school, user=mentor, topic="conversations"),
    ]


def one_row_of_everything(school: School) -> dict[str, Any]:
    """One row of every school-owned model at ``school``; a new model needs a line here (tested below)."""
    student = f.StudentFactory(school=school)
    group = f.GroupFactory(school=school)
    mentor = f.RoleFactory(school=school, kind="mentor").user
    experience = f.ExperienceFactory(student=student)
    reflection = f.ReflectionFactory(experience=experience)
    ambition = f.AmbitionFactory(student=student)
    rows: list[Any] = [
        student,
        group,
        group.school_year,
        f.MembershipFactory(student=student, group=group),
        f.MentorshipFactory(group=group, mentor=mentor),
        f.GuardianshipFactory(student=student),
        experience,
        f.EvidenceFactory(experience=experience),
        reflection,
        f.ReflectionAnswerFactory(reflection=reflection),
        f.StudentTraitFactory(student=student),
        f.ComplimentFactory(student=student, given_by=mentor),
        ambition,
        f.AmbitionStepFactory(ambition=ambition),
        f.ContactFactory(student=student),
        f.ActionFactory(student=student),
        f.RemarkFactory(experience=experience, author=mentor),
        f.AuditEntryFactory(student=student, actor=mentor),
    ]
    conversation = f.ConversationFactory(student=student, mentor=mentor)
    rows += [
        conversation,
        conversation.type,
        f.ConversationRoundFactory(school_year=group.school_year),
        f.PreparationFactory(conversation=conversation),
        f.PhaseNoteFactory(conversation=conversation),
        f.PrivateNoteFactory(conversation=conversation),
        f.ConversationTagFactory(conversation=conversation),
        f.AgreementFactory(conversation=conversation),
    ]
    activity = f.ActivityFactory(school_year=group.school_year)
    given = f.GivenAssignmentFactory(assignment=f.AssignmentFactory(school=school), given_by=mentor)
    rows += [
        activity,
        activity.type,
        given,
        given.assignment,
        f.AssignmentWorkFactory(given=given, student=student),
        f.ParticipationFactory(activity=activity, student=student, noted_by=mentor),
        ActivityFeedback.objects.create(school=school, activity=activity, student=student, useful=True),
        f.TransferExportFactory(student=student),
        f.TransferImportFactory(student=student, imported_by=mentor),
        f.AccessRequestFactory(student=student),
        f.RemovalReportFactory(school=school),
        f.ConsentFactory(student=student),
        f.ImportRunFactory(school=school),
        f.ImportTokenFactory(school=school),
        f.LoginCardFactory(student=student),
        f.GuardianInvitationFactory(student=student),
        f.GuardianAnswerFactory(school=school, student=student, given__assignment__school=school),
        f.SchoolLoginPolicyFactory(school=school),
        *careers.one_of_each(school=school, student=student, ambition=ambition),
    ]
    with scopes_disabled():
        student_role = student.user.roles.get(school=school)
        rows.append(student_role)
        rows.append(Job.objects.create(school=school, kind="background.sweep"))
        rows.append(
            Notification.objects.create(school=school, role=student_role, kind="action_overdue", key="k")
        )
        rows += choices_rows(school, group, student, mentor)
        rows.extend(quality_rows(school, student, mentor, group.school_year))
    rows.extend(partner_rows(school, student))
    return {row._meta.label: row for row in rows}


def choices_rows(school: School, group: Any, student: Any, mentor: Any) -> list[Any]:
    moment = make_moment(group)
    choice = make_choice(moment, student)
    module = make_module(group)
    programme = make_programme(school)
    unit = programme.units.first()
    deepening = Deepening.objects.create(school=school, unit=unit, title="Verder")
    return [
        programme,
        unit,
        deepening,
        RouteStep.objects.create(school=school, choice=choice, unit=unit, way="deepen", deepening=deepening),
        moment,
        choice,
        Confirmation.objects.create(school=school, choice=choice, confirmer="mentor", by=mentor),
        ChoiceStance.objects.create(school=school, student=student, stance="knows", updated_by=mentor),
        module,
        Preference.objects.create(
            school=school, school_year=group.school_year, student=student, module=module, rank=1
        ),
        make_placement(module, student),
        AllocationRun.objects.create(school=school, school_year=group.school_year, by=mentor),
    ]


@pytest.fixture(scope="module")
def _two_schools(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[tuple[School, School, dict[str, Any]]]:
    """Built once for the module (tests/once.py): the tests below only read the rows."""
    with built_once(django_db_blocker, tmp_path_factory.mktemp("tenancy-media")):
        with scopes_disabled():
            mine = f.SchoolFactory(name="Mijn school")
            theirs = f.SchoolFactory(name="Andere school")
            one_row_of_everything(mine)
            their_rows = one_row_of_everything(theirs)
        yield mine, theirs, their_rows


@pytest.fixture
def two_schools(db, _two_schools) -> tuple[School, School, dict[str, Any]]:
    return _two_schools


def test_school_owned_models_are_discovered():
    assert {"schools.Student", "dossier.Experience", "dossier.Evidence", "access.AuditEntry"} <= set(LABELS)
    assert "schools.School" not in LABELS
    assert "schools.User" not in LABELS


@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=LABELS)
def test_school_owned_model_names_its_tenant_field_school(model):
    field = model._meta.get_field("school")

    assert isinstance(field, models.ForeignKey)
    assert field.related_model is School


@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=LABELS)
def test_school_owned_model_every_manager_is_scoped(model):
    for manager in model._meta.managers:
        assert hasattr(manager, "with_scopes_disabled"), f"{model._meta.label}.{manager.name} is not scoped"
    assert model._meta.default_manager.name == "objects"


@pytest.mark.django_db
@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=LABELS)
def test_school_owned_model_query_outside_a_scope_raises(model):
    manager = model._default_manager

    with pytest.raises(ScopeError):
        list(manager.all())
    with pytest.raises(ScopeError):
        manager.filter(pk=1).exists()
    with pytest.raises(ScopeError):
        manager.count()


def test_canary_data_has_a_row_of_every_school_owned_model(two_schools):
    _, _, their_rows = two_schools

    missing = sorted(set(LABELS) - set(their_rows))

    assert not missing, f"add these models to one_row_of_everything() in tests/test_tenancy.py: {missing}"


@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=LABELS)
def test_school_owned_model_rows_of_another_school_are_invisible_in_scope(two_schools, model):
    mine, theirs, their_rows = two_schools
    label = model._meta.label
    if label not in their_rows:
        pytest.fail(f"no canary row for {label}; add it to one_row_of_everything()")
    theirs_row = their_rows[label]

    with school_scope(mine):
        visible_schools = set(model._default_manager.values_list("school_id", flat=True))
        found = model._default_manager.filter(pk=theirs_row.pk).exists()
    with school_scope(theirs):
        found_at_home = model._default_manager.filter(pk=theirs_row.pk).exists()

    assert visible_schools == {mine.pk}
    assert not found
    assert found_at_home
