"""Texts students (and former students) read in the quality area: the answer scale and the refusals of the
evaluation verbs. They are in language/family.py's list, so every family language must translate them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# The evaluation's scale, 1 (not at all) to 4 (very much), with a face for each; "" is "I don't know".
SCALE = [
    ("1", _("helemaal niet"), "feeling.sad"),
    ("2", _("een beetje"), "feeling.bored"),
    ("3", _("best wel"), "feeling.happy"),
    ("4", _("heel erg"), "feeling.proud"),
    ("", _("weet ik niet"), "feeling.unknown"),
]

CLOSED = _("Deze vragenlijst is gesloten.")
ANSWERED = _("Je hebt deze vragenlijst al ingevuld. Dank je wel!")
EMPTY = _("Beantwoord minstens één vraag.")
BAD_SCORE = _("Kies een van de antwoorden.")
NOT_FOR_YOU = _("Deze vragenlijst is niet voor jou.")
THANKS = _("Dank je wel! Je antwoorden zijn anoniem opgeslagen.")

# The former student's page, opened with a personal link (no account): "je", like students.
UNKNOWN_LINK = _("Deze link bestaat niet. Kijk of je hem helemaal goed hebt overgenomen.")
LINK_USED = _("Je hebt deze vragenlijst al ingevuld met deze link. Dank je wel!")
LINK_EXPIRED = _("Deze link werkt niet meer: hij is verlopen of de vragenlijst is gesloten.")
TOO_MANY = _("Te veel pogingen met een onbekende link. Probeer het over een kwartier opnieuw.")
LEAVER_THANKS = _("Dank je wel! Je antwoorden zijn anoniem opgeslagen. Je kunt deze pagina sluiten.")
