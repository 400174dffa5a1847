"""Reads for the student's network."""

from __future__ import annotations

from koers.dossier.models import (
    Contact,
)
from koers.dossier.queries.overview import own_item
from koers.schools.models import Role


def get_contact_for(role: Role, pk: int) -> Contact:
    return own_item(Contact.objects.all(), role, pk)
