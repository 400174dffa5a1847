from django.apps import AppConfig


class DossierConfig(AppConfig):
    name = "koers.dossier"
    label = "dossier"
