"""The allocation itself (no database): capacity, everyone placed, no repeats, minimum sizes, locked places,
and that it serves the worst-served student at least as well as first-come-first-served."""

from __future__ import annotations

import random
from collections import Counter

from koers.choices.allocation import ModuleSpec, StudentSpec, allocate, figures, first_come_first_served

PERIODS = [1, 2, 3, 4]


def year(students: int, modules: int = 12, seed: int = 4) -> tuple[list[ModuleSpec], list[StudentSpec]]:
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 0.8 for i in range(modules)]
    total = sum(weights)
    # Seats follow popularity half-way, with 15% more seats than needed (as bench/allocation.py builds them).
    specs = [
        ModuleSpec(
            id=i + 1,
            min_size=8,
            max_size=max(12, round(students * 1.15 * (0.5 * w / total + 0.5 / modules))),
            periods=tuple(PERIODS),
        )
        for i, w in enumerate(weights)
    ]
    ids = [m.id for m in specs]
    people = []
    for s in range(students):
        ranking: list[int] = []
        while len(ranking) < 6:
            pick = rng.choices(ids, weights=weights)[0]
            if pick not in ranking:
                ranking.append(pick)
        people.append(StudentSpec(id=s + 1, ranking=tuple(ranking), eligible=frozenset(ids)))
    return specs, people


def test_allocation_respects_capacity_and_gives_everyone_one_module_per_period():
    modules, students = year(300)

    result = allocate(modules, students, PERIODS)

    seats = Counter((m, p) for placed in result.placements.values() for p, m in placed.items())
    by_id = {m.id: m for m in modules}
    assert all(count <= by_id[m].max_size for (m, _p), count in seats.items())
    assert all(sorted(result.placements[s.id]) == PERIODS for s in students)
    assert not result.unplaced


def test_allocation_never_gives_a_module_twice():
    modules, students = year(300)

    result = allocate(modules, students, PERIODS)

    assert all(len(set(placed.values())) == len(placed) for placed in result.placements.values())


def test_allocation_serves_the_worst_served_no_worse_than_first_come_and_most_get_their_first_choice():
    modules, students = year(400)

    ours = figures(allocate(modules, students, PERIODS), students, PERIODS)
    baseline = figures(first_come_first_served(modules, students, PERIODS), students, PERIODS)

    assert ours["worst_rank"] <= baseline["worst_rank"]
    assert ours["unlisted"] <= baseline["unlisted"]
    assert ours["first_choice"] >= 0.85


def test_allocation_cancels_a_module_below_its_minimum_and_places_its_students_elsewhere():
    modules = [
        ModuleSpec(id=1, min_size=1, max_size=10, periods=(1,)),
        ModuleSpec(id=2, min_size=1, max_size=10, periods=(2,)),
        ModuleSpec(id=3, min_size=5, max_size=10, periods=(1, 2)),  # wanted by two students only
    ]
    students = [StudentSpec(id=i, ranking=(3, 1, 2), eligible=frozenset({1, 2, 3})) for i in range(2)]
    students += [StudentSpec(id=10 + i, ranking=(1, 2), eligible=frozenset({1, 2, 3})) for i in range(4)]

    result = allocate(modules, students, [1, 2])

    assert {(3, 1), (3, 2)} <= result.cancelled
    assert all(3 not in placed.values() for placed in result.placements.values())
    assert result.placements[0] == {1: 1, 2: 2}


def test_allocation_keeps_locked_places():
    modules, students = year(120)
    someone = students[0]
    unwanted = next(m.id for m in modules if m.id not in someone.ranking)

    result = allocate(modules, students, PERIODS, locked={someone.id: {2: unwanted}})

    assert result.placements[someone.id][2] == unwanted
    assert len(set(result.placements[someone.id].values())) == 4


def test_allocation_of_1500_students_meets_the_quality_bar():
    modules, students = year(1500, modules=30, seed=1)

    ours = figures(allocate(modules, students, PERIODS), students, PERIODS)

    assert ours["first_choice"] >= 0.85
    assert ours["unlisted"] <= 0.08
    assert ours["unplaced"] == 0


def test_many_groups_under_their_minimum_are_cancelled_in_few_flows_with_the_same_fairness():
    # Groups of at least 20 out of 400 students: the least wanted modules lose periods, nine in all.
    modules, students = year(400, modules=16, seed=2)
    modules = [
        ModuleSpec(id=m.id, min_size=min(20, m.max_size), max_size=m.max_size, periods=m.periods)
        for m in modules
    ]

    result = allocate(modules, students, PERIODS)
    one_by_one = allocate(modules, students, PERIODS, one_at_a_time=True)

    assert len(result.cancelled) >= 8
    assert one_by_one.rounds == len(one_by_one.cancelled) + 1  # a flow after every cancelled period
    assert result.rounds <= len(result.cancelled) // 2 + 1
    ours, before = figures(result, students, PERIODS), figures(one_by_one, students, PERIODS)
    for measure in ("worst_rank", "first_choice", "mean_rank", "cancelled"):
        assert ours[measure] == before[measure], measure
    assert ours["unplaced"] <= before["unplaced"]
    # Nobody is in a cancelled group, and no group is over its seats.
    seats = Counter((m, p) for placed in result.placements.values() for p, m in placed.items())
    by_id = {m.id: m for m in modules}
    assert not set(seats) & result.cancelled
    assert all(count <= by_id[m].max_size for (m, _p), count in seats.items())
