from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "koers.access"
    label = "access"
