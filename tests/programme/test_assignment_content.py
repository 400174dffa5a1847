"""The shipped assignment bank: spread over the vocabulary, translated, copied into a school once."""

from django_scopes import scopes_disabled

from koers.lob.vocabulary import Competence, Element
from koers.programme.assignment_content import ensure_assignments, shipped_assignments
from koers.programme.models import Assignment, AssignmentFormat, Audience


def test_shipped_assignments_number_about_thirty():
    assert 28 <= len(shipped_assignments()) <= 40


def test_shipped_assignments_cover_every_element():
    covered = {e for a in shipped_assignments() for e in a["elements"]}

    assert covered == set(Element.values)


def test_shipped_assignments_cover_every_competence():
    covered = {c for a in shipped_assignments() for c in a["competences"]}

    assert covered == set(Competence.values)


def test_shipped_assignments_use_every_audience_and_format():
    assignments = shipped_assignments()

    assert {a["audience"] for a in assignments} == set(Audience.values)
    assert {a["format"] for a in assignments} == set(AssignmentFormat.values)


def test_shipped_assignments_have_unique_keys():
    keys = [a["key"] for a in shipped_assignments()]

    assert len(keys) == len(set(keys))


def test_shipped_assignments_ask_questions_where_the_format_needs_them():
    lacking = [
        a["key"]
        for a in shipped_assignments()
        if a["format"] in ("questions", "interview") and not a["questions"]
    ]

    assert lacking == []


def test_shipped_assignments_have_a_full_english_translation():
    incomplete = []
    for a in shipped_assignments():
        english = a["translations"].get("en", {})
        complete = (
            english.get("title")
            and english.get("goal")
            and len(english.get("steps", [])) == len(a["steps"])
            and len(english.get("questions", [])) == len(a["questions"])
        )
        if not complete:
            incomplete.append(a["key"])

    assert incomplete == []


def test_shipped_steps_are_short_enough_for_simple_language():
    long_steps = [s for a in shipped_assignments() for s in a["steps"] if len(s.split()) > 18]

    assert long_steps == []


def test_a_new_school_has_the_whole_bank(world):
    with scopes_disabled():
        keys = set(Assignment.objects.filter(school=world.school, shipped=True).values_list("key", flat=True))
    assert keys == {a["key"] for a in shipped_assignments()}


def test_ensure_assignments_twice_adds_nothing_the_second_time(world):
    ensure_assignments(world.school)

    assert ensure_assignments(world.school) == 0


def test_ensure_assignments_leaves_a_changed_assignment_alone(world):
    ensure_assignments(world.school)
    with scopes_disabled():
        changed = Assignment.objects.filter(school=world.school).first()
        changed.title = "Onze eigen versie"
        changed.active = False
        changed.save()

    ensure_assignments(world.school)

    with scopes_disabled():
        changed.refresh_from_db()
    assert (changed.title, changed.active) == ("Onze eigen versie", False)


def test_ensure_assignments_keeps_schools_apart(world):
    with scopes_disabled():
        Assignment.objects.all().delete()

    ensure_assignments(world.school)

    with scopes_disabled():
        assert Assignment.objects.filter(school=world.school).exists()
        assert not Assignment.objects.filter(school=world.other_school).exists()
