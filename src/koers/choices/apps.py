from django.apps import AppConfig


class ChoicesConfig(AppConfig):
    name = "koers.choices"
    label = "choices"
