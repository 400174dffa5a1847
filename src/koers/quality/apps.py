from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "koers.quality"
    label = "quality"

    def ready(self) -> None:
        from koers.quality.content import copy_into
        from koers.schools.content import register_school_content

        register_school_content("quality", copy_into)
