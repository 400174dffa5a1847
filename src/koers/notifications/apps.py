from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "koers.notifications"
    label = "notifications"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # The kinds register themselves when imported; each area keeps its reminders in its reminders.py.
        from koers.notifications import digests, kinds  # noqa: F401

        autodiscover_modules("reminders")
