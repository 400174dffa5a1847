from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "koers.partners"
    label = "partners"

    def ready(self) -> None:
        from koers.partners import kinds  # noqa: F401  (registers the notification kinds)
