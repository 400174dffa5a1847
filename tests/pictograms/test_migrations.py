"""The migrations that turned stored emoji into pictogram names."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection
from django_scopes import scopes_disabled

from koers.lob.models import Trait
from koers.pictograms.catalogue import exists
from koers.programme.models import ActivityType
from tests import factories as f

activity_types = importlib.import_module("koers.programme.migrations.0004_pictogram_names")
traits = importlib.import_module("koers.lob.migrations.0002_pictogram_names")
# A data migration reads only its schema editor's connection (the database being migrated).
MIGRATING_DEFAULT = SimpleNamespace(connection=connection)


def test_activity_types_with_a_shipped_emoji_get_its_pictogram_and_others_none(world):
    with scopes_disabled():
        visit = f.ActivityTypeFactory(school=world.school, key="bezoek", icon="🏭")
        workshop = f.ActivityTypeFactory(school=world.school, key="werkplaats", icon="🛠️")
        own = f.ActivityTypeFactory(school=world.school, key="eigen", icon="🦄")

        activity_types.name_pictograms(apps, MIGRATING_DEFAULT)

        icons = dict(
            ActivityType.objects.filter(pk__in=[visit.pk, workshop.pk, own.pk]).values_list("key", "icon")
        )
    assert icons == {"bezoek": "activity.company_visit", "werkplaats": "activity.internship", "eigen": ""}
    assert all(exists(name) for name in activity_types.EMOJI_TO_PICTOGRAM.values())


def test_catalogue_traits_get_the_pictogram_of_their_key(content):
    Trait.objects.update(icon="🤝")

    traits.name_pictograms(apps, MIGRATING_DEFAULT)

    assert all(exists(icon) for icon in Trait.objects.values_list("icon", flat=True))
    assert Trait.objects.get(kind="quality", key="helpful").icon == "quality.helpful"
