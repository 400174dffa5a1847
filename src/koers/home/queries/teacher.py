"""The teacher's home: finding a student."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import (
    Q,
)
from django.utils import timezone

from koers.home.queries.common import (
    SEARCH_PAGE_SIZE,
    _attach_current_groups,
)
from koers.schools.models import (
    Membership,
    School,
    Student,
)


def search_students(
    school: School,
    *,
    text: str = "",
    group_id: int | None = None,
    page: int | str = 1,
    day: dt.date | None = None,
) -> Page:
    """Current students by (part of) their name and/or their current group. Three queries
    (count, page, the page's groups).

    Only name and current group are selected for display: a teacher sees what a compliment needs.
    """
    day = day or timezone.localdate()
    students = Student.objects.filter(school_id=school.pk, left_on__isnull=True).select_related("user")
    for word in text.split():
        students = students.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word))
    if group_id is not None:
        students = students.filter(
            pk__in=Membership.objects.current(day).filter(group_id=group_id).values("student_id")
        )
    students = students.order_by("user__last_name", "user__first_name", "pk")
    found = Paginator(students, SEARCH_PAGE_SIZE).get_page(page)
    _attach_current_groups(list(found.object_list), day)
    return found
