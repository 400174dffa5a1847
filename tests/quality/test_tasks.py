"""The task matrix: shipped tasks, named people and role kinds, gaps, overload, people who left."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.quality.models import Part, Task, TaskAssignment
from koers.schools.models import Role, RoleKind, User
from tests import factories as f


def test_counsellor_assigns_people_and_sees_gaps_and_who_left(world, login):
    client = login("counsellor")
    assert client.get(reverse("quality:tasks")).status_code == 200
    with scopes_disabled():
        task = Task.objects.get(school=world.school, key="conversations")
        mentor_role = Role.objects.get(user=world.users["mentor"], school=world.school)
    response = client.post(
        reverse("quality:tasks"), {"task": task.pk, "part": Part.RESPONSIBLE, "role": mentor_role.pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("quality:tasks")).content.decode()
    assert "Niemand is verantwoordelijk voor: LOB-beleid schrijven" in page
    assert "Niemand is verantwoordelijk voor: Loopbaangesprekken" not in page
    with scopes_disabled():
        User.objects.filter(pk=world.users["mentor"].pk).update(is_active=False)
    page = login("leader").get(reverse("quality:tasks")).content.decode()
    assert (
        "vertrokken" in page and "Iemand die vertrokken is heeft nog een rol in: Loopbaangesprekken" in page
    )


def test_a_person_or_a_role_not_both_and_not_another_school(world, login):
    client = login("counsellor")
    client.get(reverse("quality:tasks"))
    with scopes_disabled():
        task = Task.objects.filter(school=world.school).first()
        theirs = Role.objects.get(user=world.users["outsider"])
        mine = Role.objects.get(user=world.users["mentor"], school=world.school)
    both = client.post(
        reverse("quality:tasks"), {"task": task.pk, "part": Part.DOES, "role": mine.pk, "kind": "mentor"}
    )
    assert both.status_code == 400
    other = client.post(reverse("quality:tasks"), {"task": task.pk, "part": Part.DOES, "role": theirs.pk})
    assert other.status_code == 400
    with scopes_disabled():
        assert not TaskAssignment.objects.exists()


def test_overloaded_people_are_named(world, login):
    client = login("counsellor")
    client.get(reverse("quality:tasks"))
    with scopes_disabled():
        mine = Role.objects.get(user=world.users["mentor"], school=world.school)
        for task in Task.objects.filter(school=world.school)[:6]:
            TaskAssignment.objects.create(school=world.school, task=task, part=Part.DOES, role=mine, name="x")
    assert "taken: misschien te veel" in client.get(reverse("quality:tasks")).content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_matrix_queries_do_not_grow(world, login, size, django_assert_num_queries):
    client = login("leader")
    login("counsellor").get(reverse("quality:tasks"))
    client = login("leader")
    with scopes_disabled():
        tasks = list(Task.objects.filter(school=world.school))
        for n in range(size):
            role = f.RoleFactory(school=world.school, kind=RoleKind.TEACHER, user__username=f"t{n}")
            TaskAssignment.objects.create(
                school=world.school, task=tasks[n % len(tasks)], part=Part.DOES, role=role
            )
    client.get(reverse("quality:tasks"))
    with django_assert_num_queries(4):
        client.get(reverse("quality:tasks"))
