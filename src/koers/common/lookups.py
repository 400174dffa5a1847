"""The one shape of every ``get_<thing>_for(role, pk)``: the row, or a 404 that says nothing more."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def one_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The first row of ``queryset`` matching ``lookup``; none is a 404 (never a hint that it exists)."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found
