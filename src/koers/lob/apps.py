from django.apps import AppConfig

from koers.lob.vocabulary import pictogram_labels
from koers.pictograms.labels import register


class LobConfig(AppConfig):
    name = "koers.lob"
    label = "lob"

    def ready(self) -> None:
        register(pictogram_labels())
