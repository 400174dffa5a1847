"""The fixed vocabulary of LOB: career competences, effective elements, experience kinds, feelings.

These are code-level choices (stable keys, translatable labels). Content that schools may edit, such as
questions and catalogues, lives in YAML under ``lob/content/`` and is loaded into the database.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Competence(models.TextChoices):
    """The six career competences (loopbaancompetenties)."""

    QUALITIES = "qualities", _("Kwaliteiten ontdekken")
    MOTIVES = "motives", _("Motieven ontdekken")
    WORK_EXPLORATION = "work_exploration", _("Werk verkennen")
    CAREER_STEERING = "career_steering", _("Loopbaan sturen")
    NETWORKING = "networking", _("Netwerken")
    EXPECTATIONS = "expectations", _("Omgaan met verwachtingen")


class Element(models.TextChoices):
    """The seven effective elements (werkzame elementen) of a school's LOB programme."""

    PRACTICE = "practice", _("Praktijkervaring")
    ACTIVE = "active", _("De leerling is actief")
    COHERENCE = "coherence", _("Samenhangende activiteiten")
    REFLECTION = "reflection", _("Reflectie")
    PARENTS = "parents", _("Ouders betrekken")
    EXPECTATIONS = "expectations", _("Omgaan met verwachtingen")
    CONFIDENCE = "confidence", _("Zelfvertrouwen bij keuzes")


class ExperienceKind(models.TextChoices):
    LOB_ACTIVITY = "lob_activity", pgettext_lazy("experience kind", "LOB-activiteit")
    INTERNSHIP = "internship", pgettext_lazy("experience kind", "Stage")
    SIDE_JOB = "side_job", pgettext_lazy("experience kind", "Bijbaan")
    HOLIDAY_JOB = "holiday_job", pgettext_lazy("experience kind", "Vakantiewerk")
    SPORT = "sport", pgettext_lazy("experience kind", "Sport")
    HOBBY = "hobby", pgettext_lazy("experience kind", "Hobby")
    VOLUNTEERING = "volunteering", pgettext_lazy("experience kind", "Vrijwilligerswerk")
    SCHOOL_SUBJECT = "school_subject", pgettext_lazy("experience kind", "Schoolvak")
    PROJECT = "project", pgettext_lazy("experience kind", "Project")
    OTHER = "other", pgettext_lazy("experience kind", "Iets anders")


def kind_pictogram(kind: str) -> str:
    """The name of the pictogram of an experience kind (koers/pictograms/content/catalogue.yaml)."""
    return f"kind.{kind or ExperienceKind.OTHER}"


class Feeling(models.TextChoices):
    PROUD = "proud", pgettext_lazy("feeling", "Trots")
    HAPPY = "happy", pgettext_lazy("feeling", "Blij")
    SURPRISED = "surprised", pgettext_lazy("feeling", "Verrast")
    BORED = "bored", pgettext_lazy("feeling", "Verveeld")
    ANGRY = "angry", pgettext_lazy("feeling", "Boos")
    SCARED = "scared", pgettext_lazy("feeling", "Bang")
    SAD = "sad", pgettext_lazy("feeling", "Verdrietig")


def feeling_pictogram(feeling: str) -> str:
    """The face that shows a feeling; a thinking face when the student does not know (yet)."""
    return f"feeling.{feeling or 'unknown'}"


def competence_pictogram(competence: str) -> str:
    return f"competence.{competence}"


class TraitKind(models.TextChoices):
    QUALITY = "quality", _("Kwaliteit")
    MOTIVE = "motive", _("Motief")


class SharedKind(models.TextChoices):
    """The kinds of dossier item a student can share with guardians; a school sets the default per kind."""

    EXPERIENCE = "experience", _("Ervaringen")
    REFLECTION = "reflection", _("Reflecties")
    TRAIT = "trait", _("Kwaliteiten en motieven")
    AMBITION = "ambition", _("Dromen")
    CONTACT = "contact", _("Netwerk")
    ACTION = "action", _("Actiepunten")


class Phase(models.TextChoices):
    """The phases of a career conversation (loopbaangesprek), in their usual order; any order is allowed."""

    GOAL = "goal", pgettext_lazy("conversation phase", "Doel")
    EXPERIENCE = "experience", pgettext_lazy("conversation phase", "Ervaring")
    QUALITIES = "qualities", pgettext_lazy("conversation phase", "Kwaliteiten")
    MOTIVES = "motives", pgettext_lazy("conversation phase", "Motieven")
    WORK_EXPLORATION = "work_exploration", pgettext_lazy("conversation phase", "Werk verkennen")
    CAREER_STEERING = "career_steering", pgettext_lazy("conversation phase", "Loopbaan sturen")
    NETWORKING = "networking", pgettext_lazy("conversation phase", "Netwerken")
    CLOSING = "closing", pgettext_lazy("conversation phase", "Afspraken maken")


def pictogram_labels() -> dict[str, str | Promise]:
    """The accessible names of the vocabulary's pictograms (``feeling.proud`` -> "Trots"), by group."""
    labels: dict[str, str | Promise] = {}
    for group, choices in (
        ("feeling", Feeling),
        ("kind", ExperienceKind),
        ("competence", Competence),
        ("element", Element),
        ("phase", Phase),
    ):
        labels.update({f"{group}.{value}": label for value, label in choices.choices})
    return labels
