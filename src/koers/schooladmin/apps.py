from django.apps import AppConfig


class SchooladminConfig(AppConfig):
    name = "koers.schooladmin"
    label = "schooladmin"
