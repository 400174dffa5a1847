from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "koers.programme"
    label = "programme"
