"""Fair allocation of elective modules against first-come-first-served, on one made-up year.

    .venv/bin/python bench/allocation.py                      # 1,500 students, 30 modules, 4 periods
    .venv/bin/python bench/allocation.py --students 400 --seed 3
    .venv/bin/python bench/allocation.py --min-size 40                        # some modules cancelled

Students rank 6 of 30 modules. Popularity is skewed (a few modules are wanted by many: weights fall as
1/(i+1)^0.8), and the school gives popular modules more seats, as timetablers do, with about 15% more seats
than places needed in total. Each module runs in every period with at least 12 seats and a smallest group
of --min-size (default 10; a higher minimum makes the least wanted modules fall below it, so they are
cancelled and their students re-placed). The first-come-first-served baseline takes students in a random
order (the order rankings came in) and cancels nothing. The fair allocation runs twice in the same process:
as it is (the flow runs again only when a cancelled period puts students out) and one cancellation per flow
(``one_at_a_time``, the way before), with CPU seconds and how often the flow ran, so the ratio holds on a busy
machine. Prints figures only; never fails on a time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from koers.choices.allocation import (
    ModuleSpec,
    StudentSpec,
    allocate,
    figures,
    first_come_first_served,
)


def build(
    students: int, modules: int, ranked: int, periods: int, seed: int, min_size: int = 10
) -> tuple[list, list]:
    rng = random.Random(seed)
    weights = [1 / (i + 1) ** 0.8 for i in range(modules)]
    total = sum(weights)
    seats_needed = students * periods / 1.0
    specs = []
    for i, w in enumerate(weights):
        # Seats follow popularity half-way: the school plans, but rooms and teachers are limited.
        share = 0.5 * (w / total) + 0.5 / modules
        per_period = max(12, round(seats_needed * 1.15 * share / periods))
        specs.append(
            ModuleSpec(
                id=i + 1,
                min_size=min(min_size, per_period),
                max_size=per_period,
                periods=tuple(range(1, periods + 1)),
            )
        )
    ids = [m.id for m in specs]
    people = []
    for s in range(students):
        ranking: list[int] = []
        while len(ranking) < ranked:
            pick = rng.choices(ids, weights=weights)[0]
            if pick not in ranking:
                ranking.append(pick)
        people.append(StudentSpec(id=s + 1, ranking=tuple(ranking), eligible=frozenset(ids)))
    rng.shuffle(people)
    return specs, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--modules", type=int, default=30)
    parser.add_argument("--ranked", type=int, default=6)
    parser.add_argument("--periods", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--min-size",
        type=int,
        default=10,
        help="smallest group a module runs with (higher: the least wanted modules are cancelled)",
    )
    args = parser.parse_args()
    modules, students = build(
        args.students, args.modules, args.ranked, args.periods, args.seed, args.min_size
    )
    periods = list(range(1, args.periods + 1))
    cpu_started = time.process_time()
    before = allocate(modules, students, periods, one_at_a_time=True)
    cpu_before = time.process_time() - cpu_started
    cpu_started = time.process_time()
    ours = allocate(modules, students, periods)
    cpu_ours = time.process_time() - cpu_started
    baseline = first_come_first_served(modules, students, periods)
    rows = [
        (
            "fair (OR-Tools)",
            {**figures(ours, students, periods), "cpu": round(cpu_ours, 3), "flows": ours.rounds},
        ),
        (
            "fair, one by one",
            {**figures(before, students, periods), "cpu": round(cpu_before, 3), "flows": before.rounds},
        ),
        ("first come", {**figures(baseline, students, periods), "cpu": "", "flows": ""}),
    ]
    print(
        f"{args.students} students rank {args.ranked} of {args.modules} modules for {args.periods} periods "
        f"(seed {args.seed}, groups of at least {args.min_size})"
    )
    keys = list(rows[0][1])
    print(f"{'':18}" + "".join(f"{k:>16}" for k in keys))
    for name, row in rows:
        print(f"{name:18}" + "".join(f"{row[k]!s:>16}" for k in keys))
    print(
        f"cancelling: {before.rounds} flows and {cpu_before:.2f} s CPU one by one, {ours.rounds} flows and "
        f"{cpu_ours:.2f} s CPU now ({cpu_before / max(cpu_ours, 1e-9):.1f}x)"
    )


if __name__ == "__main__":
    main()
