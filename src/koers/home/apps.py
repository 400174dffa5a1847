from typing import Any

from django.apps import AppConfig


def _school_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from koers.schools.changes import mark_school_changed

    mark_school_changed(getattr(instance, "school_id", None))


class HomeConfig(AppConfig):
    name = "koers.home"
    label = "home"

    def ready(self) -> None:
        # The counsellor's and leader's figures are cached per school and keyed on ``School.changed_at``
        # (koers.home.queries.overview): every write of something they count moves the marker.
        from django.db.models.signals import post_delete, post_save

        from koers.dossier.models import Action, Compliment, Experience, Reflection
        from koers.schools.models import Group, Membership, SchoolYear, Student

        for model in (Experience, Reflection, Action, Compliment, Student, Group, SchoolYear, Membership):
            post_save.connect(_school_changed, sender=model, dispatch_uid=f"home-changed-{model.__name__}")
            post_delete.connect(
                _school_changed, sender=model, dispatch_uid=f"home-changed-del-{model.__name__}"
            )
