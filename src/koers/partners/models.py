"""The school's network and its internships: partners with their contact people and the history of contact,
internship places, students' wishes, internships (matched, approved, agreed), the student's log, the
mentor's visits, the workplace supervisor's personal links and their feedback, and the class presentation.

Sectors and occupations are stored by their stable keys (``sector.<key>`` names of the pictogram catalogue,
``careers.Occupation.key``), as the vocabulary is everywhere else, so a partner keeps its sectors when the
careers catalogue is reloaded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from koers.schools.models import School, Student


class PartnerKind(models.TextChoices):
    COMPANY = "company", pgettext_lazy("partner kind", "bedrijf of organisatie")
    MBO = "mbo", pgettext_lazy("partner kind", "mbo-school")
    SPEAKER = "speaker", pgettext_lazy("partner kind", "gastspreker")
    ROLE_MODEL = "role_model", pgettext_lazy("partner kind", "rolmodel")
    ALUMNUS = "alumnus", pgettext_lazy("partner kind", "oud-leerling")


class Offer(models.TextChoices):
    INTERNSHIPS = "internships", pgettext_lazy("partner offer", "stageplaatsen")
    COMPANY_VISIT = "company_visit", pgettext_lazy("partner offer", "bedrijfsbezoek")
    GUEST_LESSON = "guest_lesson", pgettext_lazy("partner offer", "gastles")
    TASTER_DAY = "taster_day", pgettext_lazy("partner offer", "meeloopdag of proefstuderen")
    ROLE_MODEL_TALK = "role_model_talk", pgettext_lazy("partner offer", "gesprek met een rolmodel")


class PartnershipStatus(models.TextChoices):
    EXPLORING = "exploring", pgettext_lazy("partnership", "kennismaken")
    ACTIVE = "active", pgettext_lazy("partnership", "actief")
    PAUSED = "paused", pgettext_lazy("partnership", "even stil")
    ENDED = "ended", pgettext_lazy("partnership", "gestopt")


class Partner(models.Model):
    """A company, organisation, mbo school, guest speaker, role model or former student of the school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=160)
    kind = models.CharField(_("soort partner"), max_length=12, choices=PartnerKind.choices)
    status = models.CharField(
        _("stand van de samenwerking"),
        max_length=10,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    # Lists of Offer values, of sector keys (pictograms.labels.SECTORS) and of occupation keys.
    offers = models.JSONField(_("wat ze bieden"), default=list, blank=True)
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    occupations = models.JSONField(_("beroepen"), default=list, blank=True)
    # Element 6 (dealing with expectations): a role model who shows a path is open to anyone.
    opens_paths = models.BooleanField(_("laat zien dat een route voor iedereen openstaat"), default=False)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        indexes = [models.Index(fields=["school", "name"])]

    def __str__(self) -> str:
        return self.name

    def offer_labels(self) -> list[str]:
        known = dict(Offer.choices)
        return [str(known[o]) for o in self.offers if o in known]


class ContactPerson(models.Model):
    """Someone at the partner the school talks to."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("naam"), max_length=120)
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactMoment(models.Model):
    """Who of the school spoke to the partner, when, and about what: the memory of the relationship."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="moments")
    on = models.DateField(_("datum"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The name as it was, so the history still says who it was after the account is gone.
    by_name = models.CharField(max_length=150, blank=True)
    person = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("met wie"),
    )
    about = models.TextField(_("waarover"))
    next_step = models.CharField(_("volgende stap"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.partner_id} · {self.on}"


class PlaceKind(models.TextChoices):
    ORIENTATION = "orientation", pgettext_lazy("internship kind", "snuffelstage")
    PREPARATORY = "preparatory", pgettext_lazy("internship kind", "beroepsvoorbereidende stage")


class InternshipPlace(models.Model):
    """Room for one or more students at a partner, for one period."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="places", verbose_name=_("partner")
    )
    title = models.CharField(_("wat ga je doen"), max_length=160)
    description = models.TextField(_("omschrijving"), blank=True)
    kind = models.CharField(_("soort stage"), max_length=12, choices=PlaceKind.choices)
    sector = models.CharField(_("sector"), max_length=40, blank=True)  # a key of pictograms.labels.SECTORS
    occupation = models.CharField(_("beroep"), max_length=80, blank=True)  # careers.Occupation.key
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    capacity = models.PositiveSmallIntegerField(_("aantal leerlingen"), default=1)
    minimum_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), null=True, blank=True)
    needs_vog = models.BooleanField(_("verklaring omtrent het gedrag (VOG) nodig"), default=False)
    needs_safety_clothing = models.BooleanField(_("werkkleding of veiligheidsschoenen nodig"), default=False)
    other_requirements = models.CharField(_("andere eisen"), max_length=200, blank=True)
    supervisor_name = models.CharField(_("praktijkbegeleider"), max_length=120, blank=True)
    supervisor_email = models.EmailField(_("e-mailadres praktijkbegeleider"), blank=True)
    supervisor_phone = models.CharField(_("telefoon praktijkbegeleider"), max_length=40, blank=True)
    open = models.BooleanField(_("open voor keuzes"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stageplaats")
        verbose_name_plural = _("stageplaatsen")
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="place_capacity_at_least_one"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="place_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.partner}"


def wish_voice_path(instance: PlaceWish, filename: str) -> str:
    return f"internships/{instance.school_id}/{instance.student_id}/wishes/{filename}"


class PlaceWish(models.Model):
    """One of (at most three) places a student would like, in order, with a short reason."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="place_wishes")
    place = models.ForeignKey(InternshipPlace, on_delete=models.CASCADE, related_name="wishes")
    rank = models.PositiveSmallIntegerField(_("keuze"))
    reason = models.TextField(_("waarom deze plek"), blank=True)
    voice = models.FileField(_("spraakbericht"), upload_to=wish_voice_path, blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stagewens")
        verbose_name_plural = _("stagewensen")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["student", "place"], name="wish_once_per_place"),
            models.UniqueConstraint(fields=["student", "rank"], name="wish_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=3), name="wish_rank_1_3"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} · {self.rank} · {self.place_id}"


class InternshipStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("internship status", "voorgesteld")
    APPROVED = "approved", pgettext_lazy("internship status", "goedgekeurd")


class Internship(models.Model):
    """A student at a place: proposed by the matching, adjusted by hand, approved by the mentor."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="internships")
    place = models.ForeignKey(InternshipPlace, on_delete=models.RESTRICT, related_name="internships")
    status = models.CharField(
        max_length=10, choices=InternshipStatus.choices, default=InternshipStatus.PROPOSED
    )
    wish_rank = models.PositiveSmallIntegerField(null=True, blank=True)  # which wish it met, if any
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The experience in the dossier, made when the student reflects afterwards.
    experience = models.ForeignKey(
        "dossier.Experience", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_shared = models.BooleanField(
        _("feedback van de praktijkbegeleider in mijn dossier"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["place__starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "place"], name="internship_once_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.place}"

    @property
    def approved(self) -> bool:
        return self.status == InternshipStatus.APPROVED


class Party(models.TextChoices):
    STUDENT = "student", pgettext_lazy("agreement party", "leerling")
    GUARDIAN = "guardian", pgettext_lazy("agreement party", "ouder/verzorger")
    SCHOOL = "school", pgettext_lazy("agreement party", "school")
    WORKPLACE = "workplace", pgettext_lazy("agreement party", "stagebedrijf")


class AgreementSignature(models.Model):
    """That one party agreed to the internship agreement: who, when, recorded by whom."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(_("partij"), max_length=10, choices=Party.choices)
    name = models.CharField(_("naam"), max_length=150)
    agreed_on = models.DateField(_("akkoord op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("akkoord op de stageovereenkomst")
        verbose_name_plural = _("akkoorden op stageovereenkomsten")
        constraints = [
            models.UniqueConstraint(fields=["internship", "party"], name="signature_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.party}"


def log_photo_path(instance: LogDay, filename: str) -> str:
    return f"internships/{instance.school_id}/{instance.internship.student_id}/log/{filename}"


class LogDay(models.Model):
    """One day in the student's internship log."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="log")
    day = models.DateField(_("dag"))
    hours = models.DecimalField(_("uren"), max_digits=4, decimal_places=1)
    what = models.TextField(_("wat deed ik"))
    photo = models.FileField(_("foto"), upload_to=log_photo_path, blank=True, max_length=300)
    photo_content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stagelogboekdag")
        verbose_name_plural = _("stagelogboek")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["internship", "day"], name="log_once_per_day"),
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="log_hours_in_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.day}"


class Visit(models.Model):
    """The mentor's visit to the workplace."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="visits")
    on = models.DateField(_("datum"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    notes = models.TextField(_("wat zag en hoorde je"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stagebezoek")
        verbose_name_plural = _("stagebezoeken")
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.on}"


class SupervisorLink(models.Model):
    """A personal link for the workplace supervisor: it reaches this one internship and nothing else, needs no
    account, expires and can be revoked. Only a SHA-256 of its secret is stored."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    supervisor_name = models.CharField(max_length=120)
    language = models.CharField(max_length=8, default="nl")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("link voor de praktijkbegeleider")
        verbose_name_plural = _("links voor praktijkbegeleiders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.created_at:%Y-%m-%d}"


class LinkUseAction(models.TextChoices):
    OPENED = "opened", pgettext_lazy("supervisor link", "geopend")
    FEEDBACK = "feedback", pgettext_lazy("supervisor link", "feedback gegeven")
    REFUSED = "refused", pgettext_lazy("supervisor link", "geweigerd (verlopen of ingetrokken)")


class LinkUse(models.Model):
    """The audit of a supervisor link: every opening and every answer, also refused ones."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(SupervisorLink, on_delete=models.CASCADE, related_name="uses")
    action = models.CharField(max_length=10, choices=LinkUseAction.choices)
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("gebruik van een link")
        verbose_name_plural = _("gebruik van links")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.link_id} · {self.action} · {self.at:%Y-%m-%d %H:%M}"


class FeedbackKind(models.TextChoices):
    MIDWAY = "midway", pgettext_lazy("supervisor feedback", "tussentijdse feedback")
    FINAL = "final", pgettext_lazy("supervisor feedback", "eindbeoordeling")


class Rating(models.TextChoices):
    GOOD = "good", pgettext_lazy("rating", "goed")
    ENOUGH = "enough", pgettext_lazy("rating", "voldoende")
    NOT_YET = "not_yet", pgettext_lazy("rating", "nog niet")


class SupervisorFeedback(models.Model):
    """What the workplace supervisor wrote through their link: feedback during the internship or the end
    assessment (ratings per point of attention, stored by key: see ``partners.assessment.POINTS``)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="feedback")
    link = models.ForeignKey(SupervisorLink, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=8, choices=FeedbackKind.choices)
    text = models.TextField()
    ratings = models.JSONField(default=dict, blank=True)
    supervisor_name = models.CharField(max_length=120)
    given_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("feedback van de praktijkbegeleider")
        verbose_name_plural = _("feedback van praktijkbegeleiders")
        ordering = ["given_at"]

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.kind}"


def presentation_photo_path(instance: ClassPresentation, filename: str) -> str:
    return f"internships/{instance.school_id}/{instance.internship.student_id}/presentation/{filename}"


class ClassPresentation(models.Model):
    """After the internship the class reflects together: the student presented, the class said something
    back. Held in a group conversation of the mentor's group when there is one."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    internship = models.OneToOneField(Internship, on_delete=models.CASCADE, related_name="presentation")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    presented_on = models.DateField(_("gepresenteerd op"))
    class_said = models.TextField(_("wat zei de klas"), blank=True)
    photo = models.FileField(
        _("foto van de presentatie"), upload_to=presentation_photo_path, blank=True, max_length=300
    )
    photo_content_type = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("presentatie in de klas")
        verbose_name_plural = _("presentaties in de klas")

    def __str__(self) -> str:
        return f"{self.internship_id} · {self.presented_on}"
