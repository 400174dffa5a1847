from django.apps import AppConfig


class PictogramsConfig(AppConfig):
    name = "koers.pictograms"
    label = "pictograms"
