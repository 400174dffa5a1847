"""Open days: the counsellor records them, a student marks "I go" (on the LOB-lijn, also the guardian's) and
reflects afterwards; bad input gets a message and saves nothing."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.careers.models import OpenDay, OpenDayVisit
from tests.careers.factories import OpenDayFactory
from tests.refusals import assert_not_found, nothing_written

TODAY = timezone.localdate()


def test_the_counsellor_records_an_open_day(world, login):
    client = login("counsellor")

    response = client.post(
        reverse("careers:open_days_manage"),
        {"kind": "taster_day", "institution": "Vakschool Betuwe", "date": TODAY.isoformat(), "place": "Tiel"},
    )

    assert response.status_code == 302
    with scopes_disabled():
        day = OpenDay.objects.get()
    assert (day.school, day.kind, day.institution) == (world.school, "taster_day", "Vakschool Betuwe")


def test_bad_input_is_refused_next_to_the_field(world, login):
    client = login("counsellor")

    response = client.post(
        reverse("careers:open_days_manage"), {"kind": "open_day", "institution": "ROC", "url": "geen link"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"date", "url"}
    with scopes_disabled():
        assert not OpenDay.objects.exists()


def test_a_student_goes_and_it_shows_on_both_lob_lines(world, login):
    with scopes_disabled():
        day = OpenDayFactory(
            school=world.school, institution="ROC Rivierland", date=TODAY + dt.timedelta(days=9)
        )
    client = login("student")

    client.post(reverse("careers:open_day_go", args=[day.pk]), {"going": "1"})

    assert "Je gaat." in client.get(reverse("careers:open_days")).content.decode()
    assert "ROC Rivierland" in client.get(reverse("dossier:timeline")).content.decode()
    guardian_line = login("guardian").get(reverse("dossier:student_timeline", args=[world.student.pk]))
    assert "ROC Rivierland" in guardian_line.content.decode()


def test_changing_ones_mind_removes_the_visit(world, login):
    with scopes_disabled():
        day = OpenDayFactory(school=world.school, date=TODAY + dt.timedelta(days=9))
    client = login("student")

    client.post(reverse("careers:open_day_go", args=[day.pk]), {"going": "1"})
    client.post(reverse("careers:open_day_go", args=[day.pk]), {"going": "0"})

    with scopes_disabled():
        assert not OpenDayVisit.objects.exists()


def test_after_the_day_the_student_reflects(world, login):
    with scopes_disabled():
        day = OpenDayFactory(school=world.school, date=TODAY - dt.timedelta(days=2))
        visit = OpenDayVisit.objects.create(school=world.school, student=world.student, open_day=day)
    client = login("student")
    url = reverse("careers:visit_reflect", args=[visit.pk])

    assert "Hoe was het?" in client.get(reverse("careers:open_days")).content.decode()
    empty = client.post(url, {"reflection": " "})
    client.post(url, {"reflection": "De docenten waren aardig, de school is groot."})

    assert "Schrijf op hoe het was" in empty.content.decode()
    with scopes_disabled():
        visit.refresh_from_db()
    assert visit.reflection == "De docenten waren aardig, de school is groot."


def test_no_reflection_before_the_day(world, login):
    with scopes_disabled():
        day = OpenDayFactory(school=world.school, date=TODAY + dt.timedelta(days=2))
        visit = OpenDayVisit.objects.create(school=world.school, student=world.student, open_day=day)

    response = login("student").post(
        reverse("careers:visit_reflect", args=[visit.pk]), {"reflection": "Leuk"}
    )

    assert "Na de open dag" in response.content.decode()
    with scopes_disabled():
        visit.refresh_from_db()
    assert visit.reflection == ""


def test_another_schools_open_day_is_not_found(world, login):
    with scopes_disabled():
        theirs = OpenDayFactory(school=world.other_school)

    with nothing_written(OpenDay, OpenDayVisit):
        going = login("student").post(reverse("careers:open_day_go", args=[theirs.pk]), {"going": "1"})
        deleted = login("counsellor").post(reverse("careers:open_day_delete", args=[theirs.pk]))

    assert_not_found(going, theirs.institution)
    assert_not_found(deleted, theirs.institution)
