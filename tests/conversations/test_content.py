from django_scopes import scopes_disabled

from koers.conversations.content import ensure_conversation_types, shipped_types
from koers.conversations.models import ConversationType
from koers.lob.vocabulary import Phase
from tests import factories as f

EXPECTED_KEYS = {
    "kennismaking",
    "profielkeuze",
    "stage",
    "vervolgopleiding",
    "driegesprek",
    "decaan",
    "groepsgesprek",
}


def test_shipped_types_cover_every_kind_of_conversation_in_the_issue():
    keys = {t["key"] for t in shipped_types()}

    assert keys == EXPECTED_KEYS


def test_shipped_guides_have_three_to_five_questions_and_two_to_three_deeper_per_phase():
    for shipped in shipped_types():
        phases = shipped["guide"]["phases"]
        assert list(phases) == [p.value for p in Phase], shipped["key"]
        for phase, content in phases.items():
            assert 3 <= len(content["questions"]) <= 5, (shipped["key"], phase)
            assert 2 <= len(content["deeper"]) <= 3, (shipped["key"], phase)


def test_shipped_guides_carry_coaching_reminders():
    for shipped in shipped_types():
        reminders = " ".join(shipped["guide"]["reminders"]).lower()
        assert "samen" in reminders and "oordeel" in reminders, shipped["key"]


def test_only_the_driegesprek_invites_guardians_and_only_the_group_type_is_a_group():
    by_key = {t["key"]: t for t in shipped_types()}

    assert [k for k, t in by_key.items() if t["with_guardians"]] == ["driegesprek"]
    assert [k for k, t in by_key.items() if t["is_group"]] == ["groepsgesprek"]


def test_a_new_school_gets_every_shipped_type(db):
    school = f.SchoolFactory()

    with scopes_disabled():
        keys = set(ConversationType.objects.filter(school=school).values_list("key", flat=True))
    assert keys == EXPECTED_KEYS


def test_ensure_conversation_types_is_idempotent(db):
    school = f.SchoolFactory()

    added = ensure_conversation_types(school)

    with scopes_disabled():
        assert ConversationType.objects.filter(school=school).count() == len(EXPECTED_KEYS)
    assert added == 0


def test_ensure_conversation_types_keeps_a_guide_the_school_adapted(db):
    school = f.SchoolFactory()
    with scopes_disabled():
        ConversationType.objects.filter(school=school, key="stage").update(
            name="Stagegesprek Het Baken", guide={"phases": {}, "reminders": ["eigen tip"]}, active=False
        )

    ensure_conversation_types(school)

    with scopes_disabled():
        stage = ConversationType.objects.get(school=school, key="stage")
    assert stage.name == "Stagegesprek Het Baken"
    assert stage.guide["reminders"] == ["eigen tip"]
    assert stage.active is False


def test_ensure_conversation_types_brings_back_only_this_schools_missing_type(db):
    school, other = f.SchoolFactory(), f.SchoolFactory()
    with scopes_disabled():
        ConversationType.objects.filter(key="stage").delete()

    added = ensure_conversation_types(school)

    with scopes_disabled():
        assert ConversationType.objects.filter(school=school, key="stage").exists()
        assert not ConversationType.objects.filter(school=other, key="stage").exists()
    assert added == 1
