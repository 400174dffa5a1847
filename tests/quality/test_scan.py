"""The self-scan: several colleagues answer, the counsellor closes the round, the results compare with the
round before and show the measured figures; bad input saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus
from koers.quality.content import ensure_scan_items
from koers.quality.models import ScanAnswer, ScanItem, ScanResponse, ScanRound
from koers.schools.models import RoleKind, SchoolYear
from tests import factories as f
from tests.quality.factories import ScanRoundFactory
from tests.refusals import assert_not_found, nothing_written


def _items(world):
    with scopes_disabled():
        ensure_scan_items(world.school)
        return list(ScanItem.objects.filter(school=world.school, active=True))


def _answer(client, scan_round, items, score="2", remark=""):
    data = {f"score-{item.pk}": score for item in items}
    if remark:
        data[f"remark-{items[0].pk}"] = remark
    return client.post(reverse("quality:scan_answer", args=[scan_round.pk]), data)


def test_counsellor_opens_three_answer_counsellor_closes_with_measured_figures(world, login):
    client = login("counsellor")
    response = client.post(
        reverse("quality:scan"), {"name": "Zelfscan 2026", "school_year": world.group.school_year.pk}
    )
    with scopes_disabled():
        scan_round = ScanRound.objects.get(name="Zelfscan 2026")
        # the student had a closed conversation: the measured figure is 1 of 2 students
        f.ConversationFactory(
            school=world.school,
            student=world.student,
            group=world.group,
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )
    assert response.status_code == 302
    items = _items(world)
    for persona, score in [("mentor", "1"), ("teacher", "2"), ("counsellor", "2")]:
        client = login(persona)
        assert (
            _answer(client, scan_round, items, score=score, remark=f"opmerking {persona}").status_code == 302
        )
    client = login("counsellor")
    assert client.post(reverse("quality:scan_close", args=[scan_round.pk])).status_code == 302
    with scopes_disabled():
        scan_round.refresh_from_db()
        assert ScanResponse.objects.filter(round=scan_round).count() == 3
    assert scan_round.closed_at is not None
    assert scan_round.measures["conversations_held"] == {"value": 50, "count": 1, "of": 2}
    page = client.get(reverse("quality:scan_results", args=[scan_round.pk])).content.decode()
    assert "1.7" in page or "1,7" in page  # (1 + 2 + 2) / 3
    assert "opmerking mentor" in page
    assert "50%" in page
    assert "Maak er een doel van" in page


def test_answering_twice_or_a_closed_round_saves_nothing(world, login):
    items = _items(world)
    with scopes_disabled():
        scan_round = ScanRoundFactory(school_year=world.group.school_year)
    client = login("mentor")
    assert _answer(client, scan_round, items).status_code == 302
    again = _answer(client, scan_round, items, score="4")
    assert again.status_code == 400
    assert "al ingevuld" in again.content.decode()
    with scopes_disabled():
        assert ScanAnswer.objects.filter(response__round=scan_round, score=4).count() == 0
        scan_round.closed_at = timezone.now()
        scan_round.save()
    closed = _answer(login("teacher"), scan_round, items)
    assert closed.status_code == 400
    assert "gesloten" in closed.content.decode()
    with scopes_disabled():
        assert ScanResponse.objects.filter(round=scan_round).count() == 1


def test_a_score_out_of_range_saves_nothing(world, login):
    items = _items(world)
    with scopes_disabled():
        scan_round = ScanRoundFactory(school_year=world.group.school_year)
    response = _answer(login("mentor"), scan_round, items, score="9")
    assert response.status_code == 400
    with scopes_disabled():
        assert not ScanResponse.objects.exists()


def test_another_schools_round_is_not_found(world, login):
    with scopes_disabled():
        theirs = ScanRoundFactory(school_year=SchoolYear.objects.get(school=world.other_school))
    client = login("counsellor")

    with nothing_written(ScanRound, ScanResponse):
        answer = client.get(reverse("quality:scan_answer", args=[theirs.pk]))
        close = client.post(reverse("quality:scan_close", args=[theirs.pk]))
        results = client.get(reverse("quality:scan_results", args=[theirs.pk]))

    for response in (answer, close, results):
        assert_not_found(response, theirs.name)


def test_results_compare_with_the_previous_round_and_draw_an_accessible_chart(world, login):
    items = _items(world)
    with scopes_disabled():
        last = ScanRoundFactory(
            school_year=world.group.school_year,
            name="Zelfscan 2025",
            opened_at=timezone.now() - dt.timedelta(days=365),
        )
    assert _answer(login("mentor"), last, items, score="1").status_code == 302
    with scopes_disabled():
        last.closed_at = timezone.now() - dt.timedelta(days=300)
        last.save()
        now = ScanRoundFactory(school_year=world.group.school_year, name="Zelfscan 2026")
    assert _answer(login("mentor"), now, items, score="3").status_code == 302
    page = login("counsellor").get(reverse("quality:scan_results", args=[now.pk])).content.decode()
    assert "Zelfscan 2025" in page
    assert "(+2.0)" in page or "(+2,0)" in page
    assert 'role="img"' in page and "<desc" in page
    csv = login("counsellor").get(reverse("quality:scan_results_csv", args=[now.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    assert "vorige ronde" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize("size", [2, 12])
def test_results_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    items = _items(world)
    with scopes_disabled():
        scan_round = ScanRoundFactory(school_year=world.group.school_year)
        for n in range(size):
            user = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR, user__username=f"m{n}").user
            response = ScanResponse.objects.create(
                school=world.school, round=scan_round, respondent=user, respondent_kind=RoleKind.MENTOR
            )
            ScanAnswer.objects.bulk_create(
                ScanAnswer(school=world.school, response=response, item=item, score=3, remark="ok")
                for item in items
            )
    client = login("leader")
    client.get(reverse("quality:scan_results", args=[scan_round.pk]))
    with django_assert_num_queries(QUERIES):
        client.get(reverse("quality:scan_results", args=[scan_round.pk]))


QUERIES = 16  # session, user+roles; the round, last round, statements, answers, counts; the nine measures
