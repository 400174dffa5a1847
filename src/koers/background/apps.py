from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "koers.background"
    label = "background"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each area registers its job kinds and schedules in its own tasks.py.
        autodiscover_modules("tasks")
