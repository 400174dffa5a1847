"""The learning route per exam unit: the shipped profiles load idempotently; a student explores, deepens or
broadens each unit of their programme, in the window; the mentor records it in a conversation and confirms;
a changed route loses its confirmations; the counsellor sees the numbers per unit and keeps the school's
units and deepenings. Bad input gets a message next to the field and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.content_loader import check, load_content
from koers.choices.domain.programmes import add_unit, set_deepenings
from koers.choices.domain.route import StepWish, save_route
from koers.choices.models import (
    Choice,
    Confirmation,
    Deepening,
    ExamUnit,
    MomentKind,
    RouteStep,
    VocationalProgramme,
    Way,
)
from koers.lob.content_loader import ContentError
from koers.schools.models import Role
from tests import factories as f
from tests.choices.helpers import make_deepening, make_moment, make_programme


@pytest.fixture
def profiles(db):
    call_command("load_content", "--area", "choices", verbosity=0)


def role_of(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school)


def shipped(key: str) -> VocationalProgramme:
    with scopes_disabled():
        return VocationalProgramme.objects.get(key=key, school__isnull=True)


def unit(key: str) -> ExamUnit:
    with scopes_disabled():
        return ExamUnit.objects.get(key=key, school__isnull=True)


def route_moment(world, **values):
    return make_moment(world.group, kind=MomentKind.ROUTE, title="Mijn leerroute", **values)


# --- shipped content ----------------------------------------------------------------------------------------


def test_the_ten_vmbo_profiles_are_shipped_with_their_checked_units(profiles):
    with scopes_disabled():
        names = list(VocationalProgramme.objects.values_list("texts__nl", flat=True))
        bwi_units = list(ExamUnit.objects.filter(programme__key="bwi").values_list("texts__nl", flat=True))

    assert len(names) == 10
    assert "Horeca, bakkerij en recreatie" in names
    assert bwi_units == [
        "Bouwproces en bouwvoorbereiding",
        "Bouwen vanaf de fundering",
        "Hout- en meubelverbindingen",
        "Design en decoratie",
    ]


def test_loading_twice_adds_nothing_and_keeps_the_schools_own_units(world, profiles):
    own = make_programme(world.school, units=("Sportief bewegen",))

    report = load_content()

    with scopes_disabled():
        assert report.created == 0 and report.updated == 0
        assert VocationalProgramme.objects.count() == 11
        assert own.units.get().dutch_name == "Sportief bewegen"


def test_loader_refuses_a_file_with_a_mistake_and_writes_nothing(db, tmp_path):
    (tmp_path / "vocational.yaml").write_text("- key: bwi\n  en: no Dutch name\n", encoding="utf-8")

    with pytest.raises(ContentError, match="nl"):
        load_content(tmp_path)

    with scopes_disabled():
        assert not VocationalProgramme.objects.exists()


def test_shipped_unit_tracks_are_vocational_tracks():
    for _key, _fields, units in check():
        for _unit_key, unit_fields in units:
            assert set(unit_fields["tracks"]) <= {"vmbo_b", "vmbo_k", "vmbo_gl"}


# --- the student's route ------------------------------------------------------------------------------------


def test_student_deepens_two_units_and_broadens_one_on_their_phone_page(world, login, profiles):
    moment = route_moment(world)
    first = make_deepening(world.school, unit("bwi-bouwproces"), "Tekenen met de computer")
    second = make_deepening(world.school, unit("bwi-hout"), "Meubel ontwerpen")
    client = login("student")
    bwi = shipped("bwi")

    response = client.post(
        reverse("choices:route"),
        {
            "programma": bwi.pk,
            f"way_{unit('bwi-bouwproces').pk}": "deepen",
            f"deepening_{unit('bwi-bouwproces').pk}": first.pk,
            f"way_{unit('bwi-hout').pk}": "deepen",
            f"deepening_{unit('bwi-hout').pk}": second.pk,
            f"way_{unit('bwi-design').pk}": "broaden",
            f"broaden_{unit('bwi-design').pk}": unit("mvi-media").pk,
            f"way_{unit('bwi-fundering').pk}": "explore",
            "why": "Ik wil later meubels maken en ontwerpen.",
        },
    )

    assert response.status_code == 302
    page = client.get(reverse("choices:route")).content.decode()
    assert "Tekenen met de computer" in page and "Meubel ontwerpen" in page
    assert "Media, vormgeving en ICT" in page
    with scopes_disabled():
        choice = Choice.objects.get(moment=moment)
        ways = dict(RouteStep.objects.filter(choice=choice).values_list("unit__key", "way"))
    assert choice.vocational_programme == bwi
    assert ways == {
        "bwi-bouwproces": "deepen",
        "bwi-fundering": "explore",
        "bwi-hout": "deepen",
        "bwi-design": "broaden",
    }


def test_deepen_without_a_deepening_gets_a_message_next_to_the_unit_and_saves_nothing(world, login, profiles):
    route_moment(world)
    make_deepening(world.school, unit("bwi-hout"))
    hout = unit("bwi-hout")

    response = login("student").post(
        reverse("choices:route"),
        {"programma": shipped("bwi").pk, f"way_{hout.pk}": "deepen", "why": "Omdat ik van hout houd."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies welke verdieping je doet." in page
    assert "Omdat ik van hout houd." in page  # the input stays
    with scopes_disabled():
        assert not Choice.objects.exists() and not RouteStep.objects.exists()


def test_a_deepening_of_another_unit_is_refused(world, in_school, profiles):
    moment = route_moment(world)
    elsewhere = make_deepening(world.school, unit("bwi-design"))

    with pytest.raises(ValidationError) as refused:
        save_route(
            by=role_of(world, "student"),
            student=world.student,
            moment=moment,
            programme=shipped("bwi"),
            steps={unit("bwi-hout").pk: StepWish(Way.DEEPEN, deepening=elsewhere.pk)},
        )

    assert f"deepening_{unit('bwi-hout').pk}" in refused.value.error_dict
    assert not Choice.objects.exists()


def test_broadening_with_a_unit_of_the_own_programme_is_refused(world, in_school, profiles):
    moment = route_moment(world)

    with pytest.raises(ValidationError) as refused:
        save_route(
            by=role_of(world, "student"),
            student=world.student,
            moment=moment,
            programme=shipped("bwi"),
            steps={unit("bwi-hout").pk: StepWish(Way.BROADEN, broaden_with=unit("bwi-design").pk)},
        )

    assert f"broaden_{unit('bwi-hout').pk}" in refused.value.error_dict


def test_student_cannot_change_the_route_outside_the_window(world, in_school, profiles):
    today = timezone.localdate()
    moment = route_moment(
        world, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1)
    )

    with pytest.raises(ValidationError):
        save_route(
            by=role_of(world, "student"),
            student=world.student,
            moment=moment,
            programme=shipped("bwi"),
            steps={},
        )

    assert not Choice.objects.exists()


def test_units_of_basis_and_kader_only_are_not_offered_to_a_gemengd_student(world, login, profiles):
    with scopes_disabled():
        world.group.track = "vmbo_gl"
        world.group.save()
    route_moment(world)

    page = login("student").get(reverse("choices:route") + f"?programma={shipped('bwi').pk}").content.decode()

    assert "Design en decoratie" in page
    assert "Bouwen vanaf de fundering" not in page


def test_mentor_records_the_route_in_a_conversation_and_confirms_it(world, login, profiles):
    moment = route_moment(world)
    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student)
    client = login("mentor")
    data = {
        "programma": shipped("groen").pk,
        f"way_{unit('groen-productie').pk}": "explore",
        "why": "Buiten werken.",
        "conversation": conversation.pk,
    }

    response = client.post(reverse("choices:route_record", args=[world.student.pk]), data)
    with scopes_disabled():
        choice = Choice.objects.get(moment=moment)
    client.post(reverse("choices:confirm", args=[choice.pk]))

    assert response.status_code == 302
    with scopes_disabled():
        assert Confirmation.objects.filter(choice=choice, confirmer="mentor").exists()
        assert Choice.objects.get().conversation == conversation


def test_a_changed_route_loses_its_confirmations(world, in_school, profiles):
    moment = route_moment(world)
    mentor = role_of(world, "mentor")
    deepening = make_deepening(world.school, unit("groen-stedelijk"))
    choice = save_route(
        by=mentor,
        student=world.student,
        moment=moment,
        programme=shipped("groen"),
        steps={},
        why="Groen werk.",
    )
    Confirmation.objects.create(school=world.school, choice=choice, confirmer="mentor", by=mentor.user)

    save_route(
        by=mentor,
        student=world.student,
        moment=moment,
        programme=shipped("groen"),
        steps={unit("groen-stedelijk").pk: StepWish(Way.DEEPEN, deepening=deepening.pk)},
        why="Groen werk.",
    )

    assert not Confirmation.objects.exists()
    assert Choice.objects.get().version == 2


def test_saving_the_same_route_again_keeps_the_confirmation(world, in_school, profiles):
    moment = route_moment(world)
    mentor = role_of(world, "mentor")
    choice = save_route(
        by=mentor,
        student=world.student,
        moment=moment,
        programme=shipped("groen"),
        steps={},
        why="Groen werk.",
    )
    Confirmation.objects.create(school=world.school, choice=choice, confirmer="mentor", by=mentor.user)

    save_route(
        by=mentor,
        student=world.student,
        moment=moment,
        programme=shipped("groen"),
        steps={},
        why="Groen werk.",
    )

    assert Confirmation.objects.count() == 1


def test_guardian_reads_the_route_in_arabic_and_confirms(world, login, profiles):
    moment = route_moment(world)
    deepening = make_deepening(world.school, unit("mvi-ict"), "Netwerken")
    with scopes_disabled():
        save_route(
            by=Role.objects.get(user=world.users["mentor"], school=world.school),
            student=world.student,
            moment=moment,
            programme=shipped("mvi"),
            steps={unit("mvi-ict").pk: StepWish(Way.DEEPEN, deepening=deepening.pk)},
            why="Ik wil met computers werken.",
        )
        world.users["guardian"].preferred_language = "ar"
        world.users["guardian"].save()
    client = login("guardian")

    page = client.get(reverse("choices:child", args=[world.student.pk])).content.decode()
    with scopes_disabled():
        choice = Choice.objects.get()
    client.post(reverse("choices:confirm", args=[choice.pk]))

    assert "Netwerken" in page
    assert 'lang="ar"' in page
    # The child's own Dutch words keep their direction in the right-to-left page (the full stop stays last)
    # and are marked as Dutch, so a screen reader pronounces them as Dutch.
    assert '<bdi><span lang="nl" dir="auto">Ik wil met computers werken.</span></bdi>' in page
    assert '<bdi><span lang="nl">Netwerken</span></bdi>' in page
    assert "verdiepen" not in page.lower().replace("verdiepingen", "")
    with scopes_disabled():
        assert Confirmation.objects.filter(choice=choice, confirmer="guardian").exists()


# --- the counsellor -----------------------------------------------------------------------------------------


def test_counsellor_sees_numbers_per_unit(world, login, profiles):
    moment = route_moment(world)
    deepening = make_deepening(world.school, unit("mat-veiligheid"), "Brandbestrijding")
    with scopes_disabled():
        mentor = Role.objects.get(user=world.users["mentor"], school=world.school)
        for student, way in ((world.student, Way.DEEPEN), (world.classmate, Way.BROADEN)):
            wish = (
                StepWish(Way.DEEPEN, deepening=deepening.pk)
                if way == Way.DEEPEN
                else StepWish(Way.BROADEN, broaden_with=unit("bwi-design").pk)
            )
            save_route(
                by=mentor,
                student=student,
                moment=moment,
                programme=shipped("mat"),
                steps={unit("mat-veiligheid").pk: wish},
            )

    page = login("counsellor").get(reverse("choices:route_numbers")).content.decode()

    assert "Brandbestrijding: 1" in page
    assert "2 leerlingen" in page


def test_counsellor_adds_an_elective_unit_and_deepenings(world, in_school, profiles):
    counsellor = role_of(world, "counsellor")

    elective = add_unit(by=counsellor, programme=shipped("zw"), name="Haarverzorging")
    set_deepenings(by=counsellor, unit=elective, titles=["Knippen", "", "Kleuren", "knippen"])

    assert elective.school_id == world.school.pk
    assert list(Deepening.objects.filter(unit=elective).values_list("title", flat=True)) == [
        "Knippen",
        "Kleuren",
    ]


def test_a_deepening_students_chose_cannot_be_removed(world, in_school, profiles):
    counsellor = role_of(world, "counsellor")
    moment = route_moment(world)
    deepening = make_deepening(world.school, unit("mvi-ict"), "Netwerken")
    save_route(
        by=role_of(world, "student"),
        student=world.student,
        moment=moment,
        programme=shipped("mvi"),
        steps={unit("mvi-ict").pk: StepWish(Way.DEEPEN, deepening=deepening.pk)},
    )

    with pytest.raises(ValidationError) as refused:
        set_deepenings(by=counsellor, unit=unit("mvi-ict"), titles=["Programmeren"])

    assert "Netwerken" in refused.value.messages[0]
    assert list(Deepening.objects.values_list("title", flat=True)) == ["Netwerken"]


# --- query counts -------------------------------------------------------------------------------------------


def fill(world, size: int) -> None:
    moment = route_moment(world)
    programme = make_programme(world.school, units=tuple(f"Onderdeel {n}" for n in range(size)))
    with scopes_disabled():
        units = list(programme.units.all())
        mentor = Role.objects.get(user=world.users["mentor"], school=world.school)
    for u in units:
        make_deepening(world.school, u, "Verdieping A")
        make_deepening(world.school, u, "Verdieping B")
    for n in range(size):
        student = world.student if n == 0 else f.StudentFactory(school=world.school)
        if n:
            with scopes_disabled():
                f.MembershipFactory(student=student, group=world.group)
        with scopes_disabled():
            deepenings = list(Deepening.objects.filter(unit=units[n % len(units)]))
            save_route(
                by=mentor,
                student=student,
                moment=moment,
                programme=programme,
                steps={units[n % len(units)].pk: StepWish(Way.DEEPEN, deepening=deepenings[0].pk)},
                why="Omdat het me past.",
            )


@pytest.mark.parametrize("size", [2, 12])
def test_my_route_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("student")

    # session, user+roles, student, group, moments, choices, confirmations, agreements, route steps, six
    # kinds of links (line); programmes, group, units, deepenings, other units, steps
    with django_assert_num_queries(21):
        client.get(reverse("choices:route"))


@pytest.mark.parametrize("size", [2, 12])
def test_route_record_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("mentor")

    with django_assert_num_queries(23):
        client.get(reverse("choices:route_record", args=[world.student.pk]))


@pytest.mark.parametrize("size", [2, 12])
def test_route_numbers_cost_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("counsellor")

    # session, user+roles, school year, programmes, units, steps
    with django_assert_num_queries(6):
        client.get(reverse("choices:route_numbers"))


@pytest.mark.parametrize("size", [2, 12])
def test_programmes_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("counsellor")

    # session, user+roles, deepenings, units, programmes
    with django_assert_num_queries(5):
        client.get(reverse("choices:programmes"))
