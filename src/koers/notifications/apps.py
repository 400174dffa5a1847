from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "koers.notifications"
    label = "notifications"

    def ready(self) -> None:
        # The kinds and reminders register themselves when imported.
        from koers.notifications import digests, kinds, reminders  # noqa: F401
