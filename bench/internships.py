"""Internship matching: the allocation engine (choices.allocation.assign) against rounds of wishes, on one
made-up school.

    .venv/bin/python bench/internships.py                    # 300 students, 120 places
    .venv/bin/python bench/internships.py --students 900 --seed 2

Students wish for up to three places (most three, some two or one); popular places are wanted by many
(weights fall as 1/(i+1)^0.9) and hold one to three students, with about 10% more seats than students. The
baseline is the proposal partners made before: first wishes across the group, then second and third, students
with fewer wishes first within a round. Prints figures only; never fails on a time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from koers.choices.allocation import assign, rank_cost


def build(students: int, places: int, seed: int) -> tuple[dict[int, int], dict[int, list[int]]]:
    rng = random.Random(seed)
    capacity = {p: rng.choice((1, 1, 2, 3)) for p in range(places)}
    while sum(capacity.values()) < students * 1.1:
        capacity[rng.randrange(places)] += 1
    weights = [1 / (i + 1) ** 0.9 for i in range(places)]
    wishes = {}
    for s in range(students):
        count = rng.choice((3, 3, 3, 2, 1))
        chosen: list[int] = []
        while len(chosen) < count:
            p = rng.choices(range(places), weights)[0]
            if p not in chosen:
                chosen.append(p)
        wishes[s] = chosen
    return capacity, wishes


def rounds(capacity: dict[int, int], wishes: dict[int, list[int]]) -> dict[int, int]:
    taken: dict[int, int] = {}
    got: dict[int, int] = {}
    for rank in range(3):
        for s in sorted(wishes, key=lambda s: (len(wishes[s]), s)):
            if s in got or rank >= len(wishes[s]):
                continue
            p = wishes[s][rank]
            if taken.get(p, 0) < capacity[p]:
                taken[p] = taken.get(p, 0) + 1
                got[s] = rank + 1
    return got


def engine(capacity: dict[int, int], wishes: dict[int, list[int]]) -> dict[int, int]:
    options = {s: [(p, rank_cost(r)) for r, p in enumerate(w, start=1)] for s, w in wishes.items()}
    return {s: wishes[s].index(ps[0]) + 1 for s, ps in assign(capacity, options).items()}


def report(name: str, got: dict[int, int], students: int, seconds: float) -> None:
    ranks = list(got.values())
    print(
        f"{name:8} placed {len(got)}/{students} ({len(got) / students:.1%}), first wish {ranks.count(1)}, "
        f"second {ranks.count(2)}, third {ranks.count(3)}, worst {max(ranks, default=0)}, "
        f"mean rank {sum(ranks) / max(len(ranks), 1):.2f}, {seconds * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--places", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    capacity, wishes = build(args.students, args.places, args.seed)
    for name, run in (("rounds", rounds), ("engine", engine)):
        started = time.perf_counter()
        got = run(capacity, wishes)
        report(name, got, args.students, time.perf_counter() - started)


if __name__ == "__main__":
    main()
