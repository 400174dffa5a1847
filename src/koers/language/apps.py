from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "koers.language"
    label = "language"
