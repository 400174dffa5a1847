"""Quality in the browser: the counsellor opens a self-scan round, three colleagues answer, the counsellor
closes it and turns the weak statement into a SMART goal measured by "conversations held"; two students
answer the student evaluation on a phone, one of them in Arabic; the leader sees the results (a group of
four shows no figure), the goal's progress from live data, and downloads the yearly report, in which
pdftotext finds the goal."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.conversations.models import ConversationStatus
from koers.quality.domain.evaluations import answer_evaluation
from koers.quality.models import EvaluationResponse, EvaluationRound, Goal, ScanResponse
from koers.schools.models import Role
from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, RESULTS, Pages, assert_fits_the_screen, log_in_by_request

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="the report check needs pdftotext"),
]

WEAK = "Elke leerling heeft ieder jaar minstens één loopbaangesprek."
GOAL = "Elke leerling heeft dit jaar een afgerond loopbaangesprek"


def answer_the_scan(page: Page, *, weak_score: str) -> None:
    """Every statement "grotendeels" (3), the one about conversations lower, with a remark."""
    page.goto(reverse("quality:scan"))
    page.get_by_role("link", name="Invullen").click()
    # .all() does not wait: the form must be there before its radios are listed.
    expect(page.get_by_role("button", name="Antwoorden versturen")).to_be_visible()
    for radio in page.locator("input[type=radio][value='3']").all():
        radio.check()
    statement = page.locator("fieldset", has=page.locator("legend", has_text=WEAK))
    statement.locator(f"input[type=radio][value='{weak_score}']").check()
    statement.get_by_label("Toelichting (mag leeg blijven)").fill("Niet elke mentor plant ze in.")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_text("Dank je wel. Je antwoorden zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Jij hebt ingevuld")).to_be_visible()


def answer_on_the_phone(page: Page, *, score: str) -> None:
    page.goto(reverse("quality:my_evaluations"))
    page.locator("a.button").first.click()
    expect(page.locator("form.evaluation-form button[type=submit]")).to_be_visible()
    for radio in page.locator(f"input[type=radio][value='{score}']").all():
        radio.check()
    assert_fits_the_screen(page)
    page.locator("form.evaluation-form button[type=submit]").click()
    # Back on the list, which no longer offers the answered round.
    expect(page).to_have_url(re.compile(reverse("quality:my_evaluations") + "$"))
    expect(page.locator("main a.button")).to_have_count(0)


def test_self_scan_to_goal_evaluation_and_yearly_report(world, pages: Pages, finish, tmp_path):
    with scopes_disabled():
        student = world.users["student"]
        student.preferred_language = "ar"
        student.save(update_fields=["preferred_language"])

    # The counsellor opens a self-scan round.
    counsellor = pages.open(viewport=DESKTOP)
    log_in_by_request(counsellor, "counsellor")
    counsellor.goto(reverse("quality:scan"))
    counsellor.get_by_label("Naam van de ronde").fill("Zelfscan 2026")
    counsellor.get_by_role("button", name="Open de ronde").click()
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Uitslag Zelfscan 2026")

    # Three colleagues answer, each in their own browser.
    for persona, weak_score in [("mentor", "1"), ("teacher", "2"), ("counsellor", "2")]:
        colleague = counsellor if persona == "counsellor" else pages.open(viewport=DESKTOP)
        if persona != "counsellor":
            log_in_by_request(colleague, persona)
        answer_the_scan(colleague, weak_score=weak_score)
    with scopes_disabled():
        assert ScanResponse.objects.filter(round__name="Zelfscan 2026").count() == 3

    # The counsellor closes the round; the weak statement (1.7) becomes a SMART goal.
    counsellor.get_by_role("link", name="Uitslag", exact=True).click()
    expect(counsellor.get_by_text("3 collega's hebben ingevuld.")).to_be_visible()
    counsellor.get_by_role("button", name="Ronde sluiten").click()
    expect(counsellor.get_by_text(re.compile("Gesloten op"))).to_be_visible()
    weak = counsellor.locator("section", has=counsellor.get_by_role("heading", name="Zwakke punten"))
    expect(weak.get_by_text(re.compile(re.escape(WEAK) + r" \(1[.,]7\)"))).to_be_visible()  # (1 + 2 + 2) / 3
    expect(counsellor.get_by_text("Niet elke mentor plant ze in.").first).to_be_visible()
    weak.get_by_role("link", name="Maak er een doel van").click()
    expect(counsellor.get_by_text(f"Uit de zelfscan: “{WEAK}”")).to_be_visible()
    expect(counsellor.get_by_label("Koers meet de voortgang met")).to_have_value("conversations_held")
    counsellor.get_by_label("Doel", exact=True).fill(GOAL)
    counsellor.get_by_label("Eigenaar").select_option(index=1)
    counsellor.get_by_label("Klaar op").fill((timezone.localdate() + dt.timedelta(days=120)).isoformat())
    counsellor.get_by_label("Streefwaarde in procenten").fill("90")
    counsellor.get_by_role("button", name="Doel vastleggen").click()
    expect(counsellor.get_by_role("heading", name=GOAL)).to_be_visible()
    with scopes_disabled():
        goal = Goal.objects.get(title=GOAL)
        assert goal.measure == "conversations_held" and goal.target == 90 and goal.scan_item.text == WEAK

    # The counsellor opens the student evaluation.
    counsellor.goto(reverse("quality:evaluations"))
    students_list = counsellor.locator("section", has=counsellor.locator("h2#list-student"))
    students_list.get_by_label("Naam van de ronde").fill("Evaluatie leerlingen 2026")
    students_list.get_by_role("button", name="Ronde openen").click()
    with scopes_disabled():
        evaluation = EvaluationRound.objects.get(name="Evaluatie leerlingen 2026")
        small_group = f.GroupFactory(
            school=world.school, school_year=world.group.school_year, name="2B", year_level=2
        )
        others = []
        for index in range(28):
            group = small_group if index < 4 else world.group
            other = f.StudentFactory(school=world.school, user__username=f"leerling{index}")
            f.MembershipFactory(student=other, group=group)
            others.append((other, group))

    # Two students answer on their phones: Samira reads Arabic, her classmate Dutch.
    samira = pages.open(viewport=PHONE)
    log_in_by_request(samira, "student")
    samira.goto(reverse("quality:evaluation_answer", args=[evaluation.pk]))
    expect(samira.locator("html")).to_have_attribute("dir", "rtl")
    expect(samira.locator("h1 [lang=nl]")).to_have_text("Evaluatie leerlingen 2026")  # the school's own name
    expect(samira.locator("legend", has_text="المدرسة تساعدني جيدًا في الاختيار.")).to_be_visible()
    # Everything around the questions is Arabic too: the faces' words and the send button.
    for dutch in ("helemaal niet", "heel erg", "Versturen", "anoniem"):
        expect(samira.locator("main")).not_to_contain_text(dutch)
    samira.screenshot(path=str(RESULTS / "quality_journey_arabic_phone.png"), full_page=True)
    answer_on_the_phone(samira, score="4")
    classmate = pages.open(viewport=PHONE)
    log_in_by_request(classmate, "classmate")
    answer_on_the_phone(classmate, score="3")
    expect(classmate.get_by_text("Er staat nu geen vragenlijst voor je klaar.")).to_be_visible()
    # The other 28 answers (24 more in year 3, four in year 2) go through the domain verb, not the browser:
    # driving 28 phones would only repeat the two journeys above.
    with scopes_disabled():
        evaluation.refresh_from_db()
        scales = [q["key"] for q in evaluation.questions if q["kind"] == "scale"]
        for other, group in others:
            role = Role.objects.select_related("school").get(user=other.user, school=world.school)
            answer_evaluation(
                by=role,
                evaluation=evaluation,
                data={f"q-{key}": "1" if group == small_group else "3" for key in scales},
                group=f"leerjaar {group.year_level}",
            )
        assert EvaluationResponse.objects.filter(round=evaluation).count() == 30
        # Live data for the goal: half of the 30 students had a closed conversation.
        held = [world.student, world.classmate, *[other for other, _group in others[4:17]]]
        for done in held:
            f.ConversationFactory(
                school=world.school,
                student=done,
                group=world.group,
                status=ConversationStatus.CLOSED,
                scheduled_at=timezone.now() - dt.timedelta(days=1),
            )

    # The leader sees the results: year 3 gets a figure, the group of four none.
    leader = pages.open(viewport=DESKTOP)
    log_in_by_request(leader, "leader")
    leader.goto(reverse("quality:evaluation_results", args=[evaluation.pk]))
    year_two = leader.get_by_role("row", name=re.compile("leerjaar 2")).first
    expect(year_two).to_contain_text("minder dan 5 antwoorden: geen cijfer")
    year_three = leader.get_by_role("row", name=re.compile("leerjaar 3")).first
    expect(year_three).not_to_contain_text("geen cijfer")

    # The goal's progress comes from today's data.
    leader.goto(reverse("quality:leader"))
    # No conversation was held when the goal was set; now 15 of the 30 students had one.
    goal_line = leader.locator("li.card", has=leader.get_by_role("link", name=GOAL))
    expect(goal_line).to_contain_text(
        re.compile(r"afgerond loopbaangesprek dit schooljaar:\s*50%\s*van 90%\s*\(begon bij 0%\)")
    )

    # The yearly report names the goal.
    with leader.expect_download() as download:
        leader.get_by_role("link", name="Jaarverslag downloaden (pdf)").click()
    pdf = tmp_path / "jaarverslag.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert GOAL in " ".join(text.split())
    finish(leader, "quality_journey")
