from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "koers.quality"
    label = "quality"
