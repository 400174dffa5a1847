from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "koers.schools"
    label = "schools"

    def ready(self) -> None:
        from koers.schools import content  # noqa: F401  (connects the new-school receiver)
