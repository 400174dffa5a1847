"""The shipped content every school gets its own copy of, in one place.

Some catalogues are the school's to adapt: conversation types with their guides, activity types, assignments,
self-scan statements, the task list and the question lists. Each area that ships one registers a *copier*
here from its ``AppConfig.ready``: a function that copies what a school lacks (matched by key) and brings the
translations of its shipped copies up to date, and costs about one query when nothing is missing.

Copies are made at two moments only, never by a page that is being read:

- when a school is created (``post_save`` of ``School``: the admin, the demo, the tests), and
- by ``koers load-content``, which runs on every deploy after the shared catalogues (``lob`` and those that
  areas register with ``lob.content_loader.register_loader``), so a new release reaches existing schools.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.schools.models import School

Copier = Callable[[School], Any]
COPIERS: dict[str, Copier] = {}


def register_school_content(name: str, copier: Copier) -> None:
    """Give every school its copy of ``name`` (for example ``conversations.types``) through ``copier``."""
    COPIERS[name] = copier


def copy_school_content(school: School) -> None:
    """Run every registered copier for ``school``."""
    for copier in COPIERS.values():
        copier(school)


def copy_content_into_every_school() -> int:
    """Run the copiers for each school (``koers load-content``); returns how many schools there are."""
    schools = list(School.objects.all())
    for school in schools:
        copy_school_content(school)
    return len(schools)


@receiver(post_save, sender=School, dispatch_uid="koers.schools.content.new_school")
def _new_school_gets_its_content(
    sender: type[School], instance: School, created: bool, raw: bool, **_: Any
) -> None:
    if created and not raw:  # not while loading a fixture or restoring a backup: those carry their own rows
        copy_school_content(instance)
