"""The school leader's page: aggregates only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from koers.home.queries import overview
from koers.home.queries.common import (
    Period,
)
from koers.home.queries.school import GroupSummary, GroupTable, Totals, group_summaries, group_table
from koers.schools.models import (
    Role,
)


@dataclass
class LeaderPage:
    period: Period
    groups: list[GroupSummary]
    totals: Totals
    table: GroupTable
    computed_at: dt.datetime  # when the figures were computed (they may come from the cache)


def leader_page(role: Role, *, level: str | None = None, now: dt.datetime | None = None) -> LeaderPage:
    """Aggregates only: no names, nothing that leads to a single student. From the cache while the school
    has not changed (``overview``): no query; otherwise two. An explicit ``now`` always computes."""
    school = role.school
    period = Period.of_school(school, now=now)
    if now is None:
        groups, computed_at = overview.remembered(
            "groups",
            school,
            period.today,
            (school.inactive_after_weeks,),
            lambda: group_summaries(school, period),
        )
    else:
        groups, computed_at = group_summaries(school, period), now
    table = group_table(groups, level)
    return LeaderPage(period=period, groups=groups, totals=table.totals, table=table, computed_at=computed_at)
