from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "koers.transfer"
    label = "transfer"
