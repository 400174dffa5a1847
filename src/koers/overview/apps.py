from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "koers.overview"
    label = "overview"
