from django.apps import AppConfig


class LobConfig(AppConfig):
    name = "koers.lob"
    label = "lob"
