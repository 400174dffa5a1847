"""What logging in needs to remember: linked external accounts, login cards, a school's login policy and
the sessions each person has open (for "log out everywhere")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.schools.models import School, Student


class ExternalIdentity(models.Model):
    """A person's account at an identity provider (OIDC issuer or SAML IdP), linked after the first match.

    Not school-owned: a person has one account at the provider whatever their roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities")
    issuer = models.CharField(_("uitgever"), max_length=300)
    subject = models.CharField(_("kenmerk"), max_length=300)
    linked_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gekoppeld account")
        verbose_name_plural = _("gekoppelde accounts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} · {self.subject}"


class LoginCard(models.Model):
    """A printed card whose QR code logs one student in. Only a hash of the card's secret is stored."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="login_cards")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("inlogkaart")
        verbose_name_plural = _("inlogkaarten")
        constraints = [
            # At most one card works at a time: reissuing revokes the old one.
            models.UniqueConstraint(
                fields=["student"], condition=Q(revoked_at__isnull=True), name="login_card_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.issued_at:%Y-%m-%d}"


class SchoolLoginPolicy(models.Model):
    """How a school wants its people to log in."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="login_policy")
    staff_second_factor = models.BooleanField(
        _("medewerkers moeten een tweede stap gebruiken"),
        default=False,
        help_text=_(
            "Mentoren, decanen, docenten, schoolleiders en beheerders loggen dan in met hun wachtwoord "
            "en een code uit een app op hun telefoon."
        ),
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("inlogbeleid")
        verbose_name_plural = _("inlogbeleid")

    def __str__(self) -> str:
        return str(self.school)


class OpenSession(models.Model):
    """A session a person opened by logging in; "log out everywhere" ends all of them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("open sessie")
        verbose_name_plural = _("open sessies")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.started_at:%Y-%m-%d %H:%M}"


class InvitationKind(models.TextChoices):
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("brief")


class GuardianInvitation(models.Model):
    """An invitation for a guardian to start using Koers: an e-mail link or a printed letter with a code.

    Only hashes of the link's token and the letter's code are stored; each works once, until it expires."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian_invitations"
    )
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=8, choices=InvitationKind.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("uitnodiging voor ouder/verzorger")
        verbose_name_plural = _("uitnodigingen voor ouders/verzorgers")
        indexes = [models.Index(fields=["guardian", "used_at", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.guardian_id} · {self.kind} · {self.created_at:%Y-%m-%d}"
