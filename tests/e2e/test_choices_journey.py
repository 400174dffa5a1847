"""Choices in the browser (issue 16's quality bars): sixty students rank elective modules (two of them on a
phone), the counsellor allocates, moves one student and re-runs the allocation with the move locked, and the
student sees where she was placed and why she did not get a module she ranked; a student argues a follow-up
programme with an open-day experience and the counsellor sees the application's status; a vocational student
deepens two exam units and broadens with one from another programme, and the guardian confirms in Arabic."""

from __future__ import annotations

import random
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.choices.domain.ranking import rank_modules
from koers.choices.models import Choice, Confirmation, ExamUnit, MomentKind, Placement, VocationalProgramme
from koers.lob.vocabulary import ExperienceKind
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.careers.factories import ProgrammeFactory
from tests.choices.helpers import make_deepening, make_module, make_moment
from tests.e2e.conftest import PHONE, assert_fits_the_screen, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MODULES = ["Koken voor gasten", "Fietsen repareren", "Podcast maken", "Sport en spel", "Tuinieren", "Robots"]


def _rank_in_browser(page: Page, username: str, order: list[str]) -> None:
    log_in_by_request(page, username)
    page.goto(reverse("choices:rank"))
    for place, title in enumerate(order, start=1):
        page.get_by_label(f"Keuze {place}", exact=True).select_option(label=title)
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Je volgorde van keuzemodules is bewaard.")).to_be_visible()
    assert_fits_the_screen(page)


def test_sixty_students_rank_the_counsellor_allocates_moves_and_reruns(world, pages, desktop, phone, finish):
    # Six modules in every period, fifteen seats each: room for everyone, but not for every first choice.
    modules = {title: make_module(world.group, title=title, min_size=1, max_size=15) for title in MODULES}
    rng = random.Random(16)
    with scopes_disabled():
        for n in range(58):
            student = f.StudentFactory(
                school=world.school, user__username=f"leerling{n}", user__first_name=f"Leerling{n}"
            )
            f.MembershipFactory(student=student, group=world.group)
            order = [m.pk for m in modules.values()]
            rng.shuffle(order)
            role = Role.objects.get(user=student.user, school=world.school, kind=RoleKind.STUDENT)
            rank_modules(by=role, student=student, ranking=order)

    # Two students rank on their phones.
    _rank_in_browser(phone, "student", MODULES)
    classmate = pages.open(viewport=PHONE)
    _rank_in_browser(classmate, "classmate", list(reversed(MODULES)))

    # The counsellor allocates: everyone gets one module in each of the four periods.
    log_in_by_request(desktop, "counsellor")
    desktop.goto(reverse("choices:allocation"))
    expect(
        desktop.get_by_text("60 leerlingen hebben een volgorde ingeleverd; 0 zijn ingedeeld.")
    ).to_be_visible()
    desktop.get_by_role("button", name="Indelen").click()
    expect(
        desktop.get_by_text("60 leerlingen hebben een volgorde ingeleverd; 60 zijn ingedeeld.")
    ).to_be_visible()
    with scopes_disabled():
        assert Placement.objects.filter(student__school=world.school).count() == 60 * 4
        placed = {p.period: p for p in Placement.objects.filter(student=world.student)}
        assert sorted(placed) == [1, 2, 3, 4]
        # Move Samira in period 1 to a module she did not get, choosing the one with most room.
        has = {p.module_id for p in placed.values()}
        room = {
            m: Placement.objects.filter(module=m, period=1).count()
            for m in modules.values()
            if m.pk not in has
        }
        target = min(room, key=lambda m: room[m])

    desktop.goto(reverse("choices:move", args=[placed[1].pk]))
    desktop.get_by_label("naar module").select_option(label=target.title)
    desktop.get_by_role("button", name="Verplaatsen en vastzetten").click()
    expect(desktop.get_by_text("De leerling is verplaatst en vastgezet.")).to_be_visible()

    # Re-running keeps the locked move.
    desktop.get_by_role("button", name="Opnieuw indelen (vastgezette plaatsen blijven)").click()
    expect(desktop.get_by_text("De indeling is gemaakt in")).to_be_visible()
    with scopes_disabled():
        first = Placement.objects.get(student=world.student, period=1)
        assert (first.module_id, first.locked) == (target.pk, True)
        assert Placement.objects.filter(student__school=world.school).count() == 60 * 4
        got = set(Placement.objects.filter(student=world.student).values_list("module__title", flat=True))
    missed = [title for title in MODULES if title not in got]
    assert len(missed) == 2

    # Samira sees her four modules on her phone, and for each module she ranked but did not get, why not.
    phone.goto(reverse("choices:mine"))
    modules_card = phone.locator("section", has=phone.get_by_role("heading", name="Keuzemodules"))
    expect(modules_card.get_by_text(f"Periode 1: {target.title}")).to_be_visible()
    for title in missed:
        rank = MODULES.index(title) + 1
        reason = modules_card.locator("li", has_text=f"Keuze {rank}, {title}:")
        expect(reason).to_be_visible()
        expect(reason).to_contain_text(
            re.compile("vol in de periodes|gaat niet door|je kreeg al een module voor elke periode")
        )
    assert_fits_the_screen(phone)
    finish(phone, "choices-modules-result")


def test_student_argues_a_follow_up_programme_and_the_counsellor_sees_the_application(
    world, desktop, phone, finish
):
    moment = make_moment(world.group, kind=MomentKind.FOLLOW_UP, title="Vervolgopleiding kiezen")
    with scopes_disabled():
        programme = ProgrammeFactory(texts={"nl": "Verzorgende IG"})
        f.ExperienceFactory(
            student=world.student, kind=ExperienceKind.LOB_ACTIVITY, title="Open dag ROC Midden"
        )

    # On her phone the student chooses, argues it with what she found on the open day, and says she applied.
    log_in_by_request(phone, "student")
    phone.goto(reverse("choices:mine"))
    phone.get_by_role("link", name="Kiezen").click()
    phone.get_by_label("Wat kies je?").fill("Verzorgende IG")
    phone.get_by_label("Waarom kies je dit?").fill("Ik zorg graag voor mensen en wil dat als beroep doen.")
    phone.get_by_label("Wat heb je gedaan en ontdekt dat bij deze keuze past?").fill(
        "Op de open dag heb ik met studenten gepraat en een les meegedaan."
    )
    phone.get_by_role("checkbox", name=re.compile("Open dag ROC Midden")).check()
    phone.get_by_label("Welke opleiding?").select_option(label=str(programme))
    phone.get_by_label("Bij welke school of opleider?").fill("ROC Midden")
    phone.get_by_label("Aanmelding").select_option(label="aangemeld")
    assert_fits_the_screen(phone)
    phone.get_by_role("button", name="Bewaren").click()
    expect(phone.get_by_text("Je keuze is bewaard. Bespreek hem met je mentor.")).to_be_visible()
    expect(phone.get_by_text("Verzorgende IG").first).to_be_visible()
    with scopes_disabled():
        choice = Choice.objects.get(student=world.student, moment=moment)
        assert [e.title for e in choice.experiences.all()] == ["Open dag ROC Midden"]
        assert choice.programme == programme

    # The counsellor's overview shows the argued choice and that she applied.
    log_in_by_request(desktop, "counsellor")
    desktop.goto(reverse("choices:overview"))
    row = desktop.get_by_role("row").filter(has_text=world.student.name)
    expect(row).to_contain_text("onderbouwd")
    expect(row).to_contain_text("aangemeld")
    finish(desktop, "choices-follow-up-application")


def _unit(key: str) -> ExamUnit:
    with scopes_disabled():
        return ExamUnit.objects.get(key=key, school__isnull=True)


def test_vocational_route_deepen_two_broaden_one_and_the_guardian_confirms_in_arabic(
    world, desktop, phone, finish
):
    call_command("load_content", "--area", "choices", verbosity=0)
    moment = make_moment(world.group, kind=MomentKind.ROUTE, title="Mijn leerroute")
    with scopes_disabled():
        bwi = VocationalProgramme.objects.get(key="bwi", school__isnull=True)
    process, wood, design, media = (
        _unit(k) for k in ("bwi-bouwproces", "bwi-hout", "bwi-design", "mvi-media")
    )
    make_deepening(world.school, process, "Tekenen met de computer")
    make_deepening(world.school, wood, "Meubel ontwerpen")

    # On her phone she picks her programme, deepens two units and broadens one with another programme's.
    log_in_by_request(phone, "student")
    phone.goto(reverse("choices:route"))
    phone.get_by_label("Welk beroepsgericht programma volg je?").select_option(str(bwi.pk))
    phone.get_by_role("button", name="Toon de onderdelen").click()

    def unit_card(unit: ExamUnit):
        return phone.locator("section.route-unit").filter(has=phone.locator(f"#unit-{unit.pk}"))

    for unit, deepening in ((process, "Tekenen met de computer"), (wood, "Meubel ontwerpen")):
        card = unit_card(unit)
        card.get_by_role("radio", name="verdiepen").check()
        card.get_by_label("Welke verdieping?").select_option(label=deepening)
    card = unit_card(design)
    card.get_by_role("radio", name="verbreden").check()
    card.get_by_label("Met welk onderdeel van een ander programma?").select_option(str(media.pk))
    phone.get_by_label("Waarom kies je deze route?").fill("Ik wil later meubels ontwerpen en maken.")
    assert_fits_the_screen(phone)
    phone.get_by_role("button", name="Bewaren").click()

    # The route page shows what she chose.
    phone.goto(reverse("choices:route"))
    for text in ("Tekenen met de computer", "Meubel ontwerpen", str(media.name)):
        expect(phone.get_by_text(text).first).to_be_visible()
    with scopes_disabled():
        choice = Choice.objects.get(student=world.student, moment=moment)
        ways = dict(choice.route_steps.values_list("unit__key", "way"))
    assert ways == {
        "bwi-bouwproces": "deepen",
        "bwi-hout": "deepen",
        "bwi-design": "broaden",
        "bwi-fundering": "explore",
    }

    # The guardian reads the route in Arabic and confirms it.
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = "ar"
        guardian.save()
    log_in_by_request(desktop, "guardian")
    desktop.goto(reverse("choices:child", args=[world.student.pk]))
    expect(desktop.locator("html")).to_have_attribute("lang", "ar")
    expect(desktop.get_by_text("Meubel ontwerpen").first).to_be_visible()
    desktop.locator(f"form[action='{reverse('choices:confirm', args=[choice.pk])}'] button").click()
    with scopes_disabled():
        assert Confirmation.objects.filter(choice=choice, confirmer="guardian").exists()
    finish(desktop, "choices-route-guardian-arabic")
