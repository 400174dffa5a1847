"""Elective modules: ranking, running the allocation from the page, moving and locking, the student's result
with its reason, the timetable CSV; bad rankings get a message and save nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.models import AllocationRun, Module, Placement, Preference
from koers.dossier.models import Experience
from tests import factories as f
from tests.choices.helpers import make_module, make_placement


def students_in(world, n: int) -> list:
    with scopes_disabled():
        people = [f.StudentFactory(school=world.school) for _ in range(n)]
        for s in people:
            f.MembershipFactory(student=s, group=world.group)
    return people


def rank(world, student, modules: list[Module]) -> None:
    with scopes_disabled():
        Preference.objects.bulk_create(
            Preference(
                school=world.school,
                school_year=world.group.school_year,
                student=student,
                module=m,
                rank=i + 1,
            )
            for i, m in enumerate(modules)
        )


def test_student_ranks_modules_on_the_page(world, login):
    modules = [make_module(world.group, title=f"Module {i}") for i in range(5)]
    form = {f"place_{i + 1}": m.pk for i, m in enumerate(modules)}

    response = login("student").post(reverse("choices:rank"), form)

    assert response.status_code == 302
    with scopes_disabled():
        assert [p.module_id for p in Preference.objects.filter(student=world.student)] == [
            m.pk for m in modules
        ]


def test_ranking_the_same_module_twice_gets_a_message_and_saves_nothing(world, login):
    modules = [make_module(world.group, title=f"Module {i}") for i in range(4)]
    form = {
        "place_1": modules[0].pk,
        "place_2": modules[0].pk,
        "place_3": modules[1].pk,
        "place_4": modules[2].pk,
    }

    response = login("student").post(reverse("choices:rank"), form)

    assert "twee keer" in response.content.decode()
    with scopes_disabled():
        assert not Preference.objects.exists()


def test_ranking_a_module_of_another_track_gets_a_message_and_saves_nothing(world, login):
    modules = [make_module(world.group, title=f"Module {i}") for i in range(4)]
    havo = make_module(world.group, title="Alleen havo", tracks=["havo"])
    form = {f"place_{i + 1}": m.pk for i, m in enumerate([havo, *modules])}

    response = login("student").post(reverse("choices:rank"), form)

    assert response.status_code == 200
    with scopes_disabled():
        assert not Preference.objects.exists()


def test_sixty_students_allocated_moved_and_rerun_with_the_move_locked(world, login):
    popular = make_module(world.group, title="Koken", max_size=15, min_size=5)
    others = [make_module(world.group, title=f"Module {i}", max_size=15, min_size=5) for i in range(5)]
    people = [*students_in(world, 59), world.student]
    for n, student in enumerate(people):
        rest = others[n % 5 :] + others[: n % 5]
        rank(world, student, [popular, *rest])
    client = login("counsellor")

    client.post(reverse("choices:allocate"))
    with scopes_disabled():
        assert Placement.objects.filter(student__in=people).values("student").distinct().count() == 60
        assert Placement.objects.count() == 240
        assert Placement.objects.filter(module=popular).count() == 60  # 15 a period, four periods
        mine = Placement.objects.filter(student=world.student, period=1).get()
        target = next(
            m
            for m in others
            if m.pk != mine.module_id
            and not Placement.objects.filter(student=world.student, module=m).exists()
        )
        full_or_not = Placement.objects.filter(module=target, period=1).count() < target.max_size
    if not full_or_not:
        pytest.skip("the chosen target happens to be full")
    client.post(reverse("choices:move", args=[mine.pk]), {"module": target.pk})
    client.post(reverse("choices:allocate"))

    with scopes_disabled():
        moved = Placement.objects.get(student=world.student, period=1)
        assert (moved.module_id, moved.locked) == (target.pk, True)
        assert Placement.objects.count() == 240
    page = login("student").get(reverse("choices:mine")).content.decode()
    assert "Periode 1" in page


def test_student_sees_why_a_wish_was_not_granted(world, login):
    full = make_module(world.group, title="Vol", max_size=1, periods=[1])
    free = [make_module(world.group, title=f"Vrij {i}", max_size=5) for i in range(4)]
    other = students_in(world, 1)[0]
    rank(world, other, [full, *free])
    rank(world, world.student, [full, *free])
    with scopes_disabled():
        Placement.objects.create(
            school=world.school,
            school_year=world.group.school_year,
            student=other,
            module=full,
            period=1,
            locked=True,
            rank=1,
        )
    login("counsellor").post(reverse("choices:allocate"))

    page = login("student").get(reverse("choices:mine")).content.decode()

    assert "Keuze 1, Vol:" in page
    assert "die was vol" in page


def test_allocation_csv_lists_each_module_and_period(world, login):
    module = make_module(world.group, title="=Koken")
    with scopes_disabled():
        Placement.objects.create(
            school=world.school,
            school_year=world.group.school_year,
            student=world.student,
            module=module,
            period=2,
            rank=1,
        )

    response = login("counsellor").get(reverse("choices:allocation_csv"))

    text = response.content.decode("utf-8-sig")
    assert "'=Koken" in text
    assert "3K" in text  # the student's class, for the timetable


@pytest.mark.parametrize("size", [3, 15])
def test_allocation_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    modules = [make_module(world.group, title=f"Module {i}") for i in range(size)]
    for n, student in enumerate(students_in(world, size)):
        rank(world, student, modules[:4])
        with scopes_disabled():
            Placement.objects.create(
                school=world.school,
                school_year=world.group.school_year,
                student=student,
                module=modules[n % size],
                period=1,
                rank=1,
            )
    client = login("counsellor")

    # session, user+roles, school year, modules, placements, rankings, last run
    with django_assert_num_queries(7):
        client.get(reverse("choices:allocation"))


@pytest.mark.parametrize("size", [3, 15])
def test_modules_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    for i in range(size):
        make_module(world.group, title=f"Module {i}")
    client = login("counsellor")

    with django_assert_num_queries(4):
        client.get(reverse("choices:modules"))


def test_allocation_page_counts_no_one_as_placed_before_the_first_run(world, login):
    """A bug the browser journey found: reading the waiting lists counted every ranked student as placed."""
    modules = [make_module(world.group, title=f"Module {i}") for i in range(4)]
    rank(world, world.student, modules)
    rank(world, world.classmate, modules)
    page = login("counsellor").get(reverse("choices:allocation")).content.decode()
    assert "2 leerlingen hebben een volgorde ingeleverd; 0 zijn ingedeeld." in page
    placement = Placement(
        school=world.school,
        school_year=world.group.school_year,
        student=world.student,
        module=modules[0],
        period=1,
    )
    with scopes_disabled():
        placement.save()
    page = login("counsellor").get(reverse("choices:allocation")).content.decode()
    assert "2 leerlingen hebben een volgorde ingeleverd; 1 zijn ingedeeld." in page


def test_a_module_below_its_minimum_is_cancelled_and_its_students_re_placed(world, login):
    small = make_module(world.group, title="Pottenbakken", min_size=5, max_size=20)
    others = [make_module(world.group, title=f"Module {i}", min_size=1, max_size=20) for i in range(4)]
    few = [world.student, world.classmate]
    for student in few:
        rank(world, student, [small, *others])
    for student in students_in(world, 6):
        rank(world, student, others)

    login("counsellor").post(reverse("choices:allocate"))

    with scopes_disabled():
        run = AllocationRun.objects.get()
        assert sorted(module for module, _period in run.cancelled) == [small.pk] * 4
        assert not Placement.objects.filter(module=small).exists()
        for student in few:  # placed in every period, in the modules they ranked next
            assert Placement.objects.filter(student=student).count() == 4
            assert set(Placement.objects.filter(student=student).values_list("rank", flat=True)) == {
                2,
                3,
                4,
                5,
            }
    page = login("student").get(reverse("choices:mine")).content.decode()
    assert "Keuze 1, Pottenbakken:" in page
    assert "die gaat niet door" in page
    counsellor_page = login("counsellor").get(reverse("choices:allocation")).content.decode()
    assert "vervallen groepen: 4" in counsellor_page


def test_the_lists_of_a_module_per_period_come_as_a_pdf(world, login):
    module = make_module(world.group, title="Koken voor gasten", periods=[1, 2])
    make_placement(module, world.student, period=2, rank=1)

    response = login("counsellor").get(reverse("choices:module_pdf", args=[module.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_at_the_end_the_student_puts_the_module_into_the_dossier_with_evidence(world, login):
    module = make_module(world.group, title="Koken voor gasten", description="Een driegangenmenu koken.")
    placement = make_placement(module, world.student, period=1, rank=1)
    client = login("student")
    url = reverse("choices:module_experience", args=[placement.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": "school_subject",
            "title": "Koken voor gasten",
            "happened_on": timezone.localdate().isoformat(),
            "what_i_did": "Een driegangenmenu koken.",
            "learned_about_me": "Ik werk graag snel.",
            "photos": [f.sample_png()],
        },
    )

    assert 'value="Koken voor gasten"' in form and "Een driegangenmenu koken." in form  # filled in
    assert response.status_code == 302
    with scopes_disabled():
        placement.refresh_from_db()
        experience = Experience.objects.get()
        assert placement.experience == experience
        assert experience.evidence.count() == 1
    assert "staat in je dossier" in client.get(reverse("choices:mine")).content.decode()
    # once: the page now leads to the experience
    assert client.get(url).url == reverse("dossier:experience", args=[experience.pk])


def test_the_closing_presentation_is_a_programme_activity_with_guardians(world, login):
    with scopes_disabled():
        show = f.ActivityFactory(
            school=world.school,
            school_year=world.group.school_year,
            title="Expositie keuzemodules",
            involves_guardians=True,
        )
    module = make_module(world.group, title="Fotografie")
    form = {
        "title": "Fotografie",
        "min_size": 1,
        "max_size": 20,
        "tracks": [world.group.track],
        "year_levels": [world.group.year_level],
        "periods": [1, 2, 3, 4],
        "presentation": show.pk,
    }

    login("counsellor").post(reverse("choices:module_edit", args=[module.pk]), form)
    make_placement(module, world.student, period=1, rank=1)

    with scopes_disabled():
        module.refresh_from_db()
        assert module.presentation == show
    page = login("student").get(reverse("choices:mine")).content.decode()
    assert "Afsluitende presentatie: Expositie keuzemodules" in page
