"""Fair allocation of elective modules (OR-Tools), free of Django so the bench and tests can call it.

Each student ranked some modules for the year (1 = most wanted) and gets one module in every period, never the
same module twice. A module runs in some periods with a minimum and a maximum group size; a module that would
fall below its minimum in a period is cancelled there and its students are placed elsewhere. Placements the
counsellor locked are kept as they are.

What counts, in this order (steep costs per rank in one minimum-cost flow, so each step outweighs the next):
1. as few empty periods and modules the student did not list as possible;
2. the worst-served first: one student moved up from a sixth to a fifth choice outweighs several moved up from
   a second to a first, so no student pays for another's first choice;
3. then as many first choices, second choices ... as possible.

CP-SAT over student x module x period was tried first and did not prove its answer within ten seconds for
1,500 students (the periods make many equal answers); splitting "which modules" (an exact flow, milliseconds)
from "which period" (a bipartite edge colouring that always exists when modules run every period) gives the
same answer quality in well under a second.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow


@dataclass(frozen=True)
class ModuleSpec:
    id: int
    min_size: int
    max_size: int
    periods: tuple[int, ...]


@dataclass(frozen=True)
class StudentSpec:
    id: int
    ranking: tuple[int, ...]  # module ids, most wanted first
    # Modules the student may take (track and year level): the ones an empty period may be filled with.
    eligible: frozenset[int] = frozenset()


@dataclass
class Result:
    # student id -> {period: module id}
    placements: dict[int, dict[int, int]]
    cancelled: set[tuple[int, int]]
    unplaced: list[tuple[int, int]]  # (student, period) left empty: no module with room
    seconds: float
    optimal: bool
    ranks: dict[int, dict[int, int | None]] = field(default_factory=dict)
    rounds: int = 1  # how often the module flow ran (once more after each round of cancellations)


def rank_of(student: StudentSpec, module: int) -> int | None:
    try:
        return student.ranking.index(module) + 1
    except ValueError:
        return None


# Cost of a placement by rank: steeply rising, so one student moved from a sixth to a fifth choice is worth
# more than several students moved from a second to a first; a module the student did not list costs more
# than any listed one, and an empty period more than anything.
RANK_COST = (0, 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536)
UNLISTED_COST = 1 << 20
EMPTY_COST = 1 << 26


def rank_cost(rank: int) -> int:
    return RANK_COST[rank] if rank < len(RANK_COST) else RANK_COST[-1] * 4


def allocate(
    modules: Sequence[ModuleSpec],
    students: Sequence[StudentSpec],
    periods: Sequence[int],
    *,
    locked: Mapping[int, Mapping[int, int]] | None = None,
    one_at_a_time: bool = False,
) -> Result:
    """Two stages. First which modules each student gets: a minimum-cost flow (OR-Tools) from students to
    modules with the seats of all the module's periods, steep costs by rank (worst-served first); modules
    that fall below their minimum lose a period (or are cancelled), the emptiest first, and the flow runs
    again. Then in which period: an edge colouring places each student's modules in distinct periods within
    each group's seats.

    The flow runs again only when a cancelled period puts students out: a period whose students all fit in
    the module's other periods leaves the flow's answer feasible with fewer seats, so still the best, and the
    next emptiest module can lose a period in the same round. Many small groups then cost a few flows
    instead of one each, with the same answer. ``one_at_a_time`` runs the flow after every cancelled period
    (the old way; the bench and a test compare the two)."""
    started = time.perf_counter()
    locked = locked or {}
    by_id = {m.id: m for m in modules}
    runs = {m.id: tuple(p for p in m.periods if p in periods) for m in modules}
    locked_count: dict[int, int] = defaultdict(int)
    for fixed in locked.values():
        for m_id in fixed.values():
            locked_count[m_id] += 1
    runs_left = {m_id: list(ps) for m_id, ps in runs.items()}

    def drop_a_period(module: ModuleSpec) -> None:
        # Drop the period where most seats remain, so every period keeps enough modules.
        seats_in = {
            p: sum(by_id[m_id].max_size for m_id, ps in runs_left.items() if p in ps) for p in periods
        }
        runs_left[module.id].remove(max(runs_left[module.id], key=lambda p: (seats_in[p], p)))

    rounds = 0
    while True:
        rounds += 1
        chosen = _choose_modules(modules, students, periods, locked, locked_count, runs_left)
        taken: dict[int, int] = defaultdict(int)
        for mine in chosen.values():
            for m_id in mine:
                taken[m_id] += 1
        for m_id, count in locked_count.items():
            taken[m_id] += count
        settled = False
        while not settled:
            small = [
                m
                for m in modules
                if runs_left[m.id]
                and taken[m.id] < m.min_size * len(runs_left[m.id])
                and not locked_count[m.id]
            ]
            if not small:
                settled = True
                break
            # The emptiest module runs in one period fewer (none left: it is cancelled).
            emptiest = min(small, key=lambda m: (taken[m.id] / (m.min_size * len(runs_left[m.id])), m.id))
            displaces = taken[emptiest.id] > emptiest.max_size * (len(runs_left[emptiest.id]) - 1)
            drop_a_period(emptiest)
            # A period whose students all fit in the module's other periods changes nothing for the flow: its
            # answer stays feasible with fewer seats, so it stays the best, and the next module can go in the
            # same round. A period that puts students out runs the flow again (one_at_a_time: every period).
            if displaces or one_at_a_time:
                break
        if settled:
            break
    running = {
        m.id: ModuleSpec(id=m.id, min_size=m.min_size, max_size=m.max_size, periods=tuple(runs_left[m.id]))
        for m in modules
    }
    placements, counts = _spread_over_periods(students, running, periods, chosen, locked)
    optimal = True
    cancelled = {(m_id, p) for m_id, ps in runs.items() for p in ps if p not in runs_left[m_id]}
    unplaced = _fill_empty_periods(students, by_id, periods, placements, counts, cancelled)
    result = Result(
        placements=dict(placements),
        cancelled=cancelled,
        unplaced=unplaced,
        seconds=time.perf_counter() - started,
        optimal=optimal,
        rounds=rounds,
    )
    result.ranks = {s.id: {p: rank_of(s, m) for p, m in placements.get(s.id, {}).items()} for s in students}
    return result


def _choose_modules(
    modules: Sequence[ModuleSpec],
    students: Sequence[StudentSpec],
    periods: Sequence[int],
    locked: Mapping[int, Mapping[int, int]],
    locked_count: Mapping[int, int],
    runs: Mapping[int, list[int]],
) -> dict[int, list[int]]:
    open_modules = {m.id: m for m in modules if runs[m.id]}
    seats = {
        m_id: max(m.max_size * len(runs[m_id]) - locked_count.get(m_id, 0), 0)
        for m_id, m in open_modules.items()
    }
    need: dict[int, int] = {}
    options: dict[int, list[tuple[int, int]]] = {}
    for s in students:
        fixed = locked.get(s.id, {})
        need[s.id] = len([p for p in periods if p not in fixed])
        ranked = set(s.ranking)
        mine = [
            (m_id, rank_cost(rank_of(s, m_id) or 0))
            for m_id in s.ranking
            if m_id in open_modules and m_id not in fixed.values()
        ]
        mine += [
            (m_id, UNLISTED_COST)
            for m_id in s.eligible
            if m_id in open_modules and m_id not in ranked and m_id not in fixed.values()
        ]
        options[s.id] = mine
    return assign(seats, options, need)


def assign(
    seats: Mapping[int, int],
    options: Mapping[int, Sequence[tuple[int, int]]],
    need: Mapping[int, int] | None = None,
) -> dict[int, list[int]]:
    """The core of the allocation, for any "people to places" question: each person (key of ``options``)
    gets up to ``need`` (default 1) different places from their own list of (place, cost), never more people
    at a place than its ``seats``, at the lowest total cost: a minimum-cost flow (OR-Tools). Whatever cannot
    be given stays empty at a cost above every listed place, so as many people as possible are placed first;
    with :func:`rank_cost` as the cost the worst-served person comes next. Returns person -> places."""
    need = need or {}
    flow = min_cost_flow.SimpleMinCostFlow()
    # Nodes: 0 sink, 1 empty, the places, the people.
    place_node = {place: 2 + i for i, place in enumerate(seats)}
    first_person = 2 + len(place_node)
    arcs: list[tuple[int, int, int, int]] = []
    person_arcs: list[tuple[int, int, int]] = []  # (arc index, person, place)
    supplies = [0] * (first_person + len(options))
    total = 0
    for place, count in seats.items():
        arcs.append((place_node[place], 0, max(count, 0), 0))
    for i, (person, listed) in enumerate(options.items()):
        wanted = need.get(person, 1)
        node = first_person + i
        supplies[node] = wanted
        total += wanted
        if not wanted:
            continue
        for place, cost in listed:
            if place in place_node:
                person_arcs.append((len(arcs), person, place))
                arcs.append((node, place_node[place], 1, cost))
        arcs.append((node, 1, wanted, EMPTY_COST))
    arcs.append((1, 0, total, 0))
    supplies[0] = -total
    tails, heads, caps, costs = (np.array(column, dtype=np.int64) for column in zip(*arcs, strict=True))
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_nodes_supplies(np.arange(len(supplies)), np.array(supplies, dtype=np.int64))
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("the allocation found no solution")
    chosen: dict[int, list[int]] = defaultdict(list)
    flows = flow.flows(np.array([index for index, _person, _place in person_arcs], dtype=np.int64))
    for (_index, person, place), amount in zip(person_arcs, flows, strict=True):
        if amount:
            chosen[person].append(place)
    return chosen


def _spread_over_periods(
    students: Sequence[StudentSpec],
    by_id: Mapping[int, ModuleSpec],
    periods: Sequence[int],
    chosen: Mapping[int, list[int]],
    locked: Mapping[int, Mapping[int, int]],
) -> tuple[dict[int, dict[int, int]], dict[tuple[int, int], int]]:
    """Give each student's chosen modules distinct periods within each group's seats.

    A bipartite edge colouring: a module of ``max_size`` seats is ``max_size`` seat rows, each taking one
    student per period it runs; each student and each seat row meets at most one edge of every colour
    (period). Where every module runs in every period, König's theorem says the colouring always exists, and
    the alternating-path method below finds it; seat rows are filled one after another, so a module's
    students spread evenly over its periods. Locked places and periods a module does not run are blocked
    beforehand; an edge that cannot be coloured then stays empty and is filled with another module later."""
    colours = list(periods)
    at: dict[object, dict[int, object]] = defaultdict(dict)
    blocked = object()
    counts: dict[tuple[int, int], int] = defaultdict(int)
    taken_rows: dict[tuple[int, int], int] = defaultdict(int)
    for s_id, fixed in locked.items():
        for p, m_id in fixed.items():
            at["s", s_id][p] = blocked
            counts[m_id, p] += 1
            taken_rows[m_id, p] += 1
    # Seat rows of a module: blocked in the periods it does not run and in the seats locked places use.
    load: dict[int, list[int]] = defaultdict(list)  # free slots per seat row
    for m_id, module in by_id.items():
        for row in range(module.max_size):
            node = ("m", m_id, row)
            for p in colours:
                if p not in module.periods or row < taken_rows[m_id, p]:
                    at[node][p] = blocked
            load[m_id].append(len(colours) - len(at[node]))
    edges: list[tuple[object, object, int, int]] = []
    row_of: dict[int, int] = defaultdict(int)
    for s in students:
        for m_id in chosen.get(s.id, []):
            rows = load[m_id]
            while row_of[m_id] < len(rows) and rows[row_of[m_id]] == 0:
                row_of[m_id] += 1
            if row_of[m_id] >= len(rows):
                continue
            rows[row_of[m_id]] -= 1
            edges.append((("s", s.id), ("m", m_id, row_of[m_id]), s.id, m_id))
    placements: dict[int, dict[int, int]] = {s.id: dict(locked.get(s.id, {})) for s in students}
    for u, v, s_id, m_id in edges:
        colour = _colour_edge(at, u, v, colours, blocked)
        if colour is not None:
            placements[s_id][colour] = m_id
            counts[m_id, colour] += 1
    # The alternating paths may have moved earlier edges to another period: read the final colours back.
    placements = {s.id: dict(locked.get(s.id, {})) for s in students}
    counts = defaultdict(int)
    for fixed in locked.values():
        for p, m_id in fixed.items():
            counts[m_id, p] += 1
    for owner, edges_at in at.items():
        if isinstance(owner, tuple) and owner[0] == "s":
            for p, other in edges_at.items():
                if other is not blocked:
                    module_id = other[1]  # type: ignore[index]
                    placements[owner[1]][p] = module_id
                    counts[module_id, p] += 1
    return placements, counts


def _colour_edge(
    at: dict[object, dict[int, object]], u: object, v: object, colours: list[int], blocked: object
) -> int | None:
    free_u = [c for c in colours if c not in at[u]]
    free_v = [c for c in colours if c not in at[v]]
    if not free_u or not free_v:
        return None
    common = [c for c in free_u if c in free_v]
    if common:
        a = common[0]
    else:
        # Swap colours a and b along the path from v that alternates them; in a bipartite graph it never
        # reaches u, so afterwards a is free at both ends.
        a, b = free_u[0], free_v[0]
        path = []
        node, c = v, a
        while c in at[node]:
            nxt = at[node][c]
            if nxt is blocked:
                return None
            path.append((node, nxt, c))
            node, c = nxt, (b if c == a else a)
        for x, y, c in path:
            del at[x][c]
            del at[y][c]
        for x, y, c in path:
            other = b if c == a else a
            if other in at[x] or other in at[y]:
                return None  # a blocked slot in the way (cannot happen without blocks)
            at[x][other] = y
            at[y][other] = x
    at[u][a] = v
    at[v][a] = u
    return a


def _fill_empty_periods(
    students: Sequence[StudentSpec],
    by_id: Mapping[int, ModuleSpec],
    periods: Sequence[int],
    placements: dict[int, dict[int, int]],
    counts: dict[tuple[int, int], int],
    cancelled: set[tuple[int, int]],
) -> list[tuple[int, int]]:
    unplaced = []
    for s in students:
        mine = placements.setdefault(s.id, {})
        for p in periods:
            if p in mine:
                continue
            room = [
                m
                for m in by_id.values()
                if p in m.periods
                and (m.id, p) not in cancelled
                and counts[m.id, p] < m.max_size
                and m.id not in mine.values()
                and (not s.eligible or m.id in s.eligible)
            ]
            if not room:
                unplaced.append((s.id, p))
                continue
            # A module the student listed first (best rank), else the one with most room.
            best = min(room, key=lambda m: (rank_of(s, m.id) or 99, counts[m.id, p] - m.max_size))
            mine[p] = best.id
            counts[best.id, p] += 1
    return unplaced


def first_come_first_served(
    modules: Sequence[ModuleSpec],
    students: Sequence[StudentSpec],
    periods: Sequence[int],
    *,
    locked: Mapping[int, Mapping[int, int]] | None = None,
    fill: bool = True,
) -> Result:
    """The baseline: students in the order they handed in their ranking, each taking their best listed module
    that still has room, period by period. Minimum sizes are not looked at (it cannot know who comes
    later)."""
    started = time.perf_counter()
    locked = locked or {}
    by_id = {m.id: m for m in modules}
    counts: dict[tuple[int, int], int] = defaultdict(int)
    placements: dict[int, dict[int, int]] = {}
    for s in students:
        for p, m_id in locked.get(s.id, {}).items():
            counts[m_id, p] += 1
    for s in students:
        mine = dict(locked.get(s.id, {}))
        for m_id in s.ranking:
            module = by_id.get(m_id)
            if module is None or m_id in mine.values():
                continue
            free = [
                p
                for p in module.periods
                if p in periods and p not in mine and counts[m_id, p] < module.max_size
            ]
            if free:
                p = min(free, key=lambda q: counts[m_id, q])
                mine[p] = m_id
                counts[m_id, p] += 1
        placements[s.id] = mine
    unplaced = _fill_empty_periods(students, by_id, periods, placements, counts, set()) if fill else []
    result = Result(
        placements=placements,
        cancelled=set(),
        unplaced=unplaced,
        seconds=time.perf_counter() - started,
        optimal=False,
    )
    result.ranks = {s.id: {p: rank_of(s, m) for p, m in placements.get(s.id, {}).items()} for s in students}
    return result


def figures(
    result: Result, students: Sequence[StudentSpec], periods: Sequence[int]
) -> dict[str, float | int]:
    """What the counsellor's page and the bench print about one allocation."""
    n = max(len(students), 1)
    got_first = sum(1 for s in students if 1 in result.ranks.get(s.id, {}).values())
    unlisted = sum(1 for s in students if None in result.ranks.get(s.id, {}).values())
    ranks = [r for s in students for r in result.ranks.get(s.id, {}).values() if r is not None]
    listed_per_period = {
        p: sum(1 for s in students if result.ranks.get(s.id, {}).get(p) is not None) / n for p in periods
    }
    return {
        "students": len(students),
        "seconds": round(result.seconds, 3),
        "first_choice": round(got_first / n, 3),
        "unlisted": round(unlisted / n, 3),
        "worst_rank": max(ranks, default=0),
        "cancelled": len(result.cancelled),
        "unplaced": len(result.unplaced),
        "mean_rank": round(sum(ranks) / max(len(ranks), 1), 2),
        **{f"listed_period_{p}": round(share, 3) for p, share in listed_per_period.items()},
    }
