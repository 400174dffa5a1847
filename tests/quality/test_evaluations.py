"""Evaluations: students answer on their phone in their language, anonymously, once; results hide any group
of fewer than five, in the page and in the CSV; nothing links an answer to a student."""

from __future__ import annotations

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.quality.domain.evaluations import answer_evaluation
from koers.quality.models import EvaluationResponse, EvaluationTicket
from koers.schools.models import Role, RoleKind, SchoolYear, Student, User
from tests import factories as f
from tests.quality.factories import EvaluationRoundFactory


def _students(world, group, n, prefix):
    made = []
    with scopes_disabled():
        for i in range(n):
            student = f.StudentFactory(
                school=world.school, user__username=f"{prefix}{i}", user__first_name=f"Naam{prefix}{i}"
            )
            f.MembershipFactory(student=student, group=group)
            made.append(student)
    return made


def _answer_directly(world, evaluation, students, score):
    with scopes_disabled():
        for student in students:
            role = Role.objects.select_related("school").get(user=student.user, school=world.school)
            answer_evaluation(
                by=role,
                evaluation=evaluation,
                data={"q-help": str(score), "q-best": f"bezoek {student.pk}"},
                group=f"leerjaar {student.memberships.first().group.year_level}",
            )


def test_thirty_students_answer_one_in_arabic_and_a_group_of_four_shows_no_figure(world, login, client):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
        small_group = f.GroupFactory(
            school=world.school, school_year=world.group.school_year, name="2B", year_level=2
        )
    big = _students(world, world.group, 25, "g")  # year 3, with the world's student: 26
    small = _students(world, small_group, 4, "k")  # year 2: four
    _answer_directly(world, evaluation, big, 3)
    _answer_directly(world, evaluation, small, 1)
    with scopes_disabled():
        user = User.objects.get(pk=world.student.user_id)
        user.preferred_language = "ar"
        user.save()
    client = login("student")
    page = client.get(reverse("quality:evaluation_answer", args=[evaluation.pk])).content.decode()
    assert 'dir="rtl"' in page and "المدرسة تساعدني جيدًا في الاختيار." in page
    assert 'lang="nl"' in page  # the school's own open question stays Dutch, marked as such
    response = client.post(reverse("quality:evaluation_answer", args=[evaluation.pk]), {"q-help": "4"})
    assert response.status_code == 302
    with scopes_disabled():
        assert EvaluationResponse.objects.filter(round=evaluation).count() == 30
    results = (
        login("leader").get(reverse("quality:evaluation_results", args=[evaluation.pk])).content.decode()
    )
    assert "leerjaar 3" in results and "leerjaar 2" in results
    assert "minder dan 5 antwoorden" in results
    csv = (
        login("leader")
        .get(reverse("quality:evaluation_results_csv", args=[evaluation.pk]))
        .content.decode("utf-8-sig")
    )
    assert "leerjaar 2;< 5;;;;;;" in csv.replace("\r", "")


def test_no_results_view_or_export_links_an_answer_to_a_student(world, login):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
    # Long names: a two-letter username could turn up by chance inside a random CSRF token.
    students = _students(world, world.group, 6, "anoniemleerling")
    _answer_directly(world, evaluation, students, 2)
    client = login("counsellor")
    pages = [
        client.get(reverse("quality:evaluation_results", args=[evaluation.pk])).content.decode(),
        client.get(reverse("quality:evaluation_results_csv", args=[evaluation.pk])).content.decode(
            "utf-8-sig"
        ),
        client.get(reverse("quality:evaluations")).content.decode(),
        client.get(reverse("quality:leader")).content.decode(),
    ]
    with scopes_disabled():
        responses = list(EvaluationResponse.objects.filter(round=evaluation))
    for page in pages:
        for student in students:
            assert student.user.username not in page and student.user.first_name not in page
        for response in responses:
            assert str(response.pk) not in page
    # The answer holds no person and no time; the ticket holds no answer.
    for field in EvaluationResponse._meta.concrete_fields:
        assert not (field.is_relation and field.related_model in (User, Student, Role))
        assert not isinstance(field, models.DateTimeField | models.DateField | models.AutoField)
    assert {f.name for f in EvaluationTicket._meta.concrete_fields} == {"id", "school", "round", "user"}


def test_open_answers_are_sorted_not_in_answering_order(world, login):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
    students = _students(world, world.group, 5, "o")
    _answer_directly(world, evaluation, list(reversed(students)), 3)
    page = login("leader").get(reverse("quality:evaluation_results", args=[evaluation.pk])).content.decode()
    shown = [f"bezoek {s.pk}" for s in students]
    positions = [page.index(text) for text in sorted(shown)]
    assert positions == sorted(positions)


def test_answering_twice_a_closed_round_or_another_schools_round(world, login):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
        theirs = EvaluationRoundFactory(school_year=SchoolYear.objects.get(school=world.other_school))
    client = login("student")
    url = reverse("quality:evaluation_answer", args=[evaluation.pk])
    assert client.post(url, {"q-help": "3"}).status_code == 302
    again = client.post(url, {"q-help": "1"})
    assert again.status_code == 400 or "al ingevuld" in again.content.decode()
    with scopes_disabled():
        assert EvaluationResponse.objects.filter(round=evaluation).count() == 1
        evaluation.closed_at = timezone.now()
        evaluation.save()
    closed = login("classmate").post(url, {"q-help": "3"})
    assert closed.status_code == 400 and "gesloten" in closed.content.decode()
    assert login("student").get(reverse("quality:evaluation_answer", args=[theirs.pk])).status_code == 404
    with scopes_disabled():
        assert EvaluationResponse.objects.count() == 1 and EvaluationTicket.objects.count() == 1


def test_a_bad_score_saves_nothing(world, login):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
    response = login("student").post(
        reverse("quality:evaluation_answer", args=[evaluation.pk]), {"q-help": "7"}
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not EvaluationResponse.objects.exists() and not EvaluationTicket.objects.exists()


@pytest.mark.parametrize("size", [5, 20])
def test_results_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year)
        for n in range(size):
            EvaluationResponse.objects.create(
                school=world.school,
                round=evaluation,
                group="leerjaar 3",
                answers={"help": 3, "best": f"x{n}"},
            )
    client = login("leader")
    client.get(reverse("quality:evaluation_results", args=[evaluation.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("quality:evaluation_results", args=[evaluation.pk]))


def test_a_staff_member_answers_the_staff_list(world, login):
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(
            school_year=world.group.school_year,
            audience="staff",
            questions=[{"key": "time", "kind": "scale", "text": "Ik heb genoeg tijd."}],
        )
    assert login("student").get(reverse("quality:evaluation_answer", args=[evaluation.pk])).status_code == 404
    client = login("mentor")
    assert (
        client.post(reverse("quality:evaluation_answer", args=[evaluation.pk]), {"q-time": "2"}).status_code
        == 302
    )
    with scopes_disabled():
        assert EvaluationResponse.objects.get().group == RoleKind.MENTOR


def test_the_dutch_round_name_is_marked_dutch_on_an_arabic_page(world, login):
    """Found by the browser journey: a screen reader would read the Dutch round name with an Arabic voice."""
    with scopes_disabled():
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year, name="Evaluatie leerlingen")
        user = User.objects.get(pk=world.student.user_id)
        user.preferred_language = "ar"
        user.save()
    client = login("student")
    listed = client.get(reverse("quality:my_evaluations")).content.decode()
    page = client.get(reverse("quality:evaluation_answer", args=[evaluation.pk])).content.decode()
    assert 'lang="nl">Evaluatie leerlingen</a>' in listed
    assert '<span lang="nl">Evaluatie leerlingen</span>' in page
