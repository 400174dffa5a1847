from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "koers.schools"
    label = "schools"
