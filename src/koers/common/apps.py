from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "koers.common"
    label = "common"
