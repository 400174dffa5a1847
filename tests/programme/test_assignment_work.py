"""Students' work on given assignments: drafts, photos, voice, finishing into the dossier, the mentor's
follow-up and catching up after joining a group mid-year."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.dossier.models import Evidence, Experience, Reflection, ReflectionAnswer
from koers.lob.vocabulary import ExperienceKind
from koers.programme.models import AssignmentWork, Purpose, WorkStatus
from koers.schools.models import Membership
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

REQUEST_OVERHEAD = 2  # session, user+roles


@pytest.fixture
def activity(world):
    with scopes_disabled():
        return f.ActivityFactory(
            school_year=world.group.school_year,
            title="Bezoek aan de bakkerij",
            starts_on=timezone.localdate() - dt.timedelta(days=3),
            competences=["work_exploration"],
        )


def give(world, *, purpose=Purpose.STANDALONE, activity=None, given_on=None, **assignment):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment=f.AssignmentFactory(school=world.school, **assignment),
            activity=activity,
            purpose=purpose,
            given_by=world.users["mentor"],
            given_on=given_on or timezone.localdate(),
            due_on=(given_on or timezone.localdate()) + dt.timedelta(days=14),
        )
        given.groups.add(world.group)
    return given


def work_of(world, given):
    with scopes_disabled():
        return AssignmentWork.objects.filter(given=given, student=world.student).first()


def test_student_sees_the_assignment_with_its_steps(login, world):
    given = give(world, title="Beroepen in je straat")

    response = login("student").get(reverse("programme:work", args=[given.pk]))

    content = response.content.decode()
    assert "Vraag drie buren naar hun werk." in content
    assert 'name="q0"' not in content  # the factory's assignment asks no questions


def test_student_list_shows_the_assignment_to_do(login, world):
    give(world, title="Beroepen in je straat")

    response = login("student").get(reverse("programme:my_assignments"))

    assert [i.given.assignment.title for i in response.context["mine"].todo] == ["Beroepen in je straat"]


def test_student_of_another_group_gets_404(login, world):
    given = give(world)
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="1B1")
        Membership.objects.filter(student=world.classmate).update(group=other_group)

    with nothing_written(AssignmentWork):
        response = login("classmate").get(reverse("programme:work", args=[given.pk]))

    assert_not_found(response, given.assignment.title)


def test_saving_a_draft_keeps_the_answers_without_touching_the_dossier(login, world):
    given = give(world, questions=["Wie heb je gesproken?", "Wat doet die persoon?"])

    login("student").post(
        reverse("programme:work", args=[given.pk]), {"q0": "Mijn tante", "q1": "", "action": "save"}
    )

    work = work_of(world, given)
    assert (work.status, work.answers["0"]) == (WorkStatus.STARTED, "Mijn tante")
    with scopes_disabled():
        assert not Experience.objects.filter(student=world.student).exists()


def test_draft_photos_are_shown_back_to_the_student(login, world):
    given = give(world, format="photo")
    client = login("student")
    client.post(reverse("programme:work", args=[given.pk]), {"photos": [f.sample_jpeg()], "action": "save"})

    response = client.get(reverse("programme:work_photo", args=[given.pk, 0]))

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"


def test_draft_photo_is_not_served_to_a_classmate(login, world):
    given = give(world, format="photo")
    login("student").post(reverse("programme:work", args=[given.pk]), {"photos": [f.sample_jpeg()]})

    response = login("classmate").get(reverse("programme:work_photo", args=[given.pk, 0]))

    assert_not_found(response)  # the page, not the photo


def test_a_text_file_posing_as_a_photo_is_refused_next_to_the_field(login, world):
    given = give(world, format="photo")

    response = login("student").post(
        reverse("programme:work", args=[given.pk]), {"photos": [f.sample_text_as_jpeg()], "action": "save"}
    )

    assert response.context["form"].errors["photos"]
    assert work_of(world, given) is None


def test_finishing_preparation_creates_an_experience_linked_to_the_activity(login, world, activity):
    given = give(world, purpose=Purpose.PREPARATION, activity=activity, format="photo", title="Voorbereiden")

    login("student").post(
        reverse("programme:work", args=[given.pk]),
        {"photos": [f.sample_jpeg(), f.sample_png()], "text": "Ik wil de oven zien.", "action": "finish"},
    )

    with scopes_disabled():
        experience = Experience.objects.get(student=world.student)
        photos = Evidence.objects.filter(experience=experience).count()
    work = work_of(world, given)
    assert (experience.kind, experience.activity, experience.title) == (
        ExperienceKind.LOB_ACTIVITY,
        activity,
        "Voorbereiden",
    )
    assert "Ik wil de oven zien." in experience.what_i_did
    assert photos == 2
    assert (work.status, work.experience) == (WorkStatus.FINISHED, experience)


def test_finishing_moves_the_draft_photos_out_of_the_work(
    login, world, activity, settings, django_capture_on_commit_callbacks
):
    given = give(world, purpose=Purpose.PREPARATION, activity=activity, format="photo")
    client = login("student")
    client.post(reverse("programme:work", args=[given.pk]), {"photos": [f.sample_jpeg()], "action": "save"})
    draft_name = work_of(world, given).answers["photos"][0]["name"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("programme:work", args=[given.pk]), {"action": "finish"})

    assert not (settings.MEDIA_ROOT / draft_name).exists()
    assert "photos" not in work_of(world, given).answers


def test_finishing_a_photo_assignment_without_a_photo_saves_nothing(login, world, activity):
    given = give(world, purpose=Purpose.PREPARATION, activity=activity, format="photo")

    response = login("student").post(
        reverse("programme:work", args=[given.pk]), {"text": "Nog geen foto", "action": "finish"}
    )

    assert response.context["form"].errors["photos"]
    assert (
        'value="Nog geen foto"' in response.content.decode() or "Nog geen foto" in response.content.decode()
    )
    assert work_of(world, given) is None


def test_a_moodboard_needs_at_least_two_images(login, world):
    given = give(world, format="moodboard")

    response = login("student").post(
        reverse("programme:work", args=[given.pk]), {"photos": [f.sample_jpeg()], "action": "finish"}
    )

    assert "minstens 2 beelden" in str(response.context["form"].errors["photos"])


def test_moodboard_images_are_shown_as_a_grid(login, world):
    given = give(world, format="moodboard")
    client = login("student")
    client.post(
        reverse("programme:work", args=[given.pk]),
        {"photos": [f.sample_jpeg(), f.sample_png()], "action": "save"},
    )

    content = client.get(reverse("programme:work", args=[given.pk])).content.decode()

    assert 'class="moodboard"' in content
    assert content.count(reverse("programme:work_photo", args=[given.pk, 1])) == 1


def test_questions_need_one_answer_before_finishing(login, world):
    given = give(world, questions=["Wat zag je?"])

    response = login("student").post(
        reverse("programme:work", args=[given.pk]), {"q0": " ", "action": "finish"}
    )

    assert response.context["form"].errors["q0"]
    assert work_of(world, given) is None


def test_voice_note_finishes_a_voice_assignment_as_evidence(login, world):
    given = give(world, format="voice")

    login("student").post(
        reverse("programme:work", args=[given.pk]), {"voice": f.sample_webm(), "action": "finish"}
    )

    with scopes_disabled():
        evidence = Evidence.objects.get(student=world.student)
    assert (evidence.kind, evidence.content_type) == ("audio", "audio/webm")
    assert work_of(world, given).status == WorkStatus.FINISHED


def test_a_draft_voice_note_can_be_played_back(login, world):
    given = give(world, format="voice")
    client = login("student")
    client.post(reverse("programme:work", args=[given.pk]), {"voice": f.sample_ogg(), "action": "save"})

    response = client.get(reverse("programme:work_voice", args=[given.pk]))

    assert (response.status_code, response.headers["Content-Type"]) == (200, "audio/ogg")


def test_finishing_reflection_adds_a_reflection_on_the_activity_experience(login, world, activity):
    given = give(
        world,
        purpose=Purpose.REFLECTION,
        activity=activity,
        questions=["Wat was het leukste moment?"],
        competences=["motives"],
        title="Terugkijken",
    )

    login("student").post(
        reverse("programme:work", args=[given.pk]), {"q0": "Brood bakken", "action": "finish"}
    )

    with scopes_disabled():
        experience = Experience.objects.get(student=world.student)
        reflection = Reflection.objects.get(experience=experience)
        answer = ReflectionAnswer.objects.get(reflection=reflection)
    assert (experience.activity, experience.title) == (activity, "Bezoek aan de bakkerij")
    assert reflection.competence == "motives"
    assert "Wat was het leukste moment?\nBrood bakken" in answer.text
    assert work_of(world, given).reflection == reflection


def test_reflection_uses_the_experience_the_preparation_made(login, world, activity):
    preparation = give(world, purpose=Purpose.PREPARATION, activity=activity, questions=["Wat wil je zien?"])
    reflection = give(world, purpose=Purpose.REFLECTION, activity=activity, questions=["Wat zag je?"])
    client = login("student")
    client.post(reverse("programme:work", args=[preparation.pk]), {"q0": "De oven", "action": "finish"})

    client.post(reverse("programme:work", args=[reflection.pk]), {"q0": "Een grote oven", "action": "finish"})

    with scopes_disabled():
        assert Experience.objects.filter(student=world.student).count() == 1
        assert Reflection.objects.filter(student=world.student).count() == 1


def test_finished_work_cannot_be_changed(login, world):
    given = give(world, questions=["Wat zag je?"])
    client = login("student")
    client.post(reverse("programme:work", args=[given.pk]), {"q0": "Eerste", "action": "finish"})

    client.post(reverse("programme:work", args=[given.pk]), {"q0": "Tweede", "action": "save"})

    assert work_of(world, given).answers["0"] == "Eerste"


def test_finished_assignment_moves_to_done(login, world):
    given = give(world, questions=["Wat zag je?"])
    client = login("student")
    client.post(reverse("programme:work", args=[given.pk]), {"q0": "Iets", "action": "finish"})

    mine = client.get(reverse("programme:my_assignments")).context["mine"]

    assert ([i.given for i in mine.done], mine.todo) == ([given], [])


# --- the mentor's follow-up ---


def test_mentor_sees_who_finished_who_is_busy_and_who_did_not_start(login, world):
    given = give(world)
    with scopes_disabled():
        f.AssignmentWorkFactory(given=given, student=world.student, status=WorkStatus.FINISHED)
        late = f.StudentFactory(school=world.school)
        f.MembershipFactory(student=late, group=world.group)
        f.AssignmentWorkFactory(given=given, student=late, status=WorkStatus.STARTED)

    progress = login("mentor").get(reverse("programme:given", args=[given.pk])).context["progress"]

    assert [line.student for line in progress.finished] == [world.student]
    assert [line.student for line in progress.busy] == [late]
    assert [line.student for line in progress.not_started] == [world.classmate]


def test_mentor_of_another_group_cannot_follow_the_assignment(login, world):
    given = give(world)
    with scopes_disabled():
        given.groups.set(
            [f.GroupFactory(school=world.school, school_year=world.group.school_year, name="1B2")]
        )
        given.given_by = world.users["counsellor"]
        given.save()

    with nothing_written():
        response = login("mentor").get(reverse("programme:given", args=[given.pk]))

    assert_not_found(response, given.assignment.title)


def test_given_list_counts_the_states(login, world):
    given = give(world)
    with scopes_disabled():
        f.AssignmentWorkFactory(given=given, student=world.student, status=WorkStatus.FINISHED)

    row = login("mentor").get(reverse("programme:given_list")).context["rows"][0]

    assert (row.students, row.finished, row.busy, row.not_started) == (2, 1, 0, 1)


# --- joining mid-year ---


@pytest.fixture
def newcomer(world):
    """A student who joined the group today, after the group already had assignments."""
    with scopes_disabled():
        student = f.StudentFactory(school=world.school, user__username="nieuwkomer")
        f.MembershipFactory(student=student, group=world.group, starts_on=timezone.localdate())
    world.users["nieuwkomer"] = student.user
    return student


def test_newcomer_can_catch_up_on_an_earlier_standalone_assignment(login, world, newcomer):
    earlier = give(world, given_on=timezone.localdate() - dt.timedelta(days=30), title="Eerder gegeven")

    mine = login("nieuwkomer").get(reverse("programme:my_assignments")).context["mine"]

    assert [i.given for i in mine.catch_up] == [earlier]
    assert mine.todo == []


def test_newcomer_sees_what_the_group_did_before_they_came(login, world, newcomer):
    with scopes_disabled():
        past = f.ActivityFactory(
            school_year=world.group.school_year,
            title="Beroepenmarkt",
            starts_on=timezone.localdate() - dt.timedelta(days=20),
        )
    earlier = give(
        world,
        purpose=Purpose.REFLECTION,
        activity=past,
        given_on=timezone.localdate() - dt.timedelta(days=19),
    )

    response = login("nieuwkomer").get(reverse("programme:my_assignments"))

    mine = response.context["mine"]
    assert [i.given for i in mine.group_did] == [earlier]
    assert mine.earlier_activities == [past]
    assert "Dit deed je groep al" in response.content.decode()


def test_newcomer_catches_up_on_preparing_an_activity_still_to_come(login, world, newcomer):
    with scopes_disabled():
        coming = f.ActivityFactory(
            school_year=world.group.school_year, starts_on=timezone.localdate() + dt.timedelta(days=10)
        )
    earlier = give(
        world,
        purpose=Purpose.PREPARATION,
        activity=coming,
        given_on=timezone.localdate() - dt.timedelta(days=5),
    )

    mine = login("nieuwkomer").get(reverse("programme:my_assignments")).context["mine"]

    assert [i.given for i in mine.catch_up] == [earlier]


def test_student_who_was_there_has_the_earlier_assignment_to_do(login, world):
    earlier = give(world, given_on=timezone.localdate() - dt.timedelta(days=30))

    mine = login("student").get(reverse("programme:my_assignments")).context["mine"]

    assert ([i.given for i in mine.todo], mine.catch_up) == ([earlier], [])


# --- query counts ---


def add_students(world, n):
    with scopes_disabled():
        for _ in range(n):
            f.MembershipFactory(student=f.StudentFactory(school=world.school), group=world.group)


@pytest.mark.parametrize("size", [1, 8])
def test_given_list_query_count_is_fixed(login, world, size, django_assert_num_queries):
    add_students(world, size)
    for _ in range(size):
        given = give(world)
        with scopes_disabled():
            f.AssignmentWorkFactory(given=given, student=world.student)
    client = login("mentor")

    with django_assert_num_queries(REQUEST_OVERHEAD + 4):
        response = client.get(reverse("programme:given_list"))

    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [1, 8])
def test_given_detail_query_count_is_fixed(login, world, size, django_assert_num_queries):
    add_students(world, size)
    given = give(world)
    with scopes_disabled():
        f.AssignmentWorkFactory(given=given, student=world.student, status=WorkStatus.FINISHED)
    client = login("mentor")

    with django_assert_num_queries(REQUEST_OVERHEAD + 5):  # the fifth: guardians' answers
        response = client.get(reverse("programme:given", args=[given.pk]))

    assert len(response.context["progress"].not_started) == size + 1


@pytest.mark.parametrize("size", [1, 8])
def test_student_list_query_count_is_fixed(login, world, size, django_assert_num_queries):
    for _ in range(size):
        given = give(world, given_on=timezone.localdate() - dt.timedelta(days=2))
        with scopes_disabled():
            f.AssignmentWorkFactory(given=given, student=world.student)
    client = login("student")

    with django_assert_num_queries(REQUEST_OVERHEAD + 5):
        response = client.get(reverse("programme:my_assignments"))

    assert len(response.context["mine"].todo) == size
