"""Background jobs of accounts: guardian invitation e-mails, a pile of guardian letters, a group's login
cards, and the password-reset e-mail. Secrets (codes, link tokens, card tokens) are made here, where they are
mailed or printed, never passed through the queue: only their hashes are stored."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from koers.accounts import printing
from koers.accounts.domain import invitations as domain
from koers.accounts.domain import logins as cards_domain
from koers.accounts.models import GuardianInvitation
from koers.accounts.queries import group_cards
from koers.background.domain import save_output, set_progress
from koers.background.models import Job
from koers.background.queue import enqueue_job
from koers.background.registry import expirer, job_kind
from koers.common.public_url import public_url
from koers.language.middleware import language_of
from koers.schools.models import Group, Role, User

OLD_INVITATION = dt.timedelta(days=30)


def _open_invitations(ids: list[int]) -> list[GuardianInvitation]:
    """Those still open: one revoked or used since it was asked for is not sent."""
    return list(
        GuardianInvitation.objects.filter(pk__in=ids, used_at__isnull=True, revoked_at__isnull=True)
        .select_related("guardian", "school", "student__user")
        .order_by("student__user__last_name", "guardian__last_name", "pk")
    )


def send_invitation_email(issued: domain.IssuedInvitation) -> None:
    """The e-mail in the guardian's own language."""
    guardian = issued.guardian
    context = {
        "name": guardian.get_full_name() or guardian.username,
        "child": issued.invitation.student.name,
        "school": issued.invitation.school.name,
        "url": printing.invitation_link(issued),
        "expires": issued.invitation.expires_at,
    }
    with translation.override(language_of(guardian)):
        subject = _("Uitnodiging voor Koers van %(school)s") % {"school": context["school"]}
        body = render_to_string("accounts/invitations/email.txt", context)
    send_mail(subject, body, None, [guardian.email])


@job_kind("accounts.guardian_email", label=gettext_lazy("Uitnodiging voor een ouder/verzorger (e-mail)"))
def guardian_email(job: Job) -> None:
    for invitation in _open_invitations([job.params["invitation"]]):
        # The new link is stored only if the mail server took the message; otherwise the job tries again.
        with transaction.atomic():
            send_invitation_email(domain.renew_secrets(invitation))


@job_kind("accounts.guardian_letters", label=gettext_lazy("Brieven voor ouders/verzorgers (pdf)"))
def guardian_letters(job: Job) -> None:
    invitations = _open_invitations(job.params["invitations"])
    set_progress(job, done=0, total=len(invitations))
    with transaction.atomic():
        issued = [domain.renew_secrets(invitation) for invitation in invitations]
        document = printing.letters_pdf(issued)
    set_progress(job, done=len(invitations))
    save_output(job, content=document, filename="uitnodigingen-ouders.pdf")


@job_kind("accounts.login_cards", label=gettext_lazy("Inlogkaarten van een groep (pdf)"))
def login_cards(job: Job) -> None:
    group = Group.objects.select_related("school").get(pk=job.params["group"])
    by = Role.objects.select_related("school").get(pk=job.params["role"])
    students = [row.student for row in group_cards(group)]
    by_pk = {s.pk: s for s in students}
    with transaction.atomic():  # a card that was not printed does not replace the one the student has
        issued = cards_domain.issue_group_cards(
            group=group, students=students, by=by, only_missing=job.params["which"] == "missing"
        )
        set_progress(job, done=0, total=len(issued))
        cards = [
            printing.card_entry(
                one, by_pk[one.card.student_id], group_name=group.name, school_name=group.school.name
            )
            for one in issued
        ]
        document = printing.cards_pdf(cards)
    set_progress(job, done=len(issued))
    save_output(job, content=document, filename=f"inlogkaarten-{slugify(group.name)}.pdf")


def queue_password_reset(user: User) -> None:
    """The reset e-mail as a job, shown to the admin of the person's (first) school if it keeps failing."""
    with scopes_disabled():
        school_id = Role.objects.filter(user=user).values_list("school_id", flat=True).first()
    enqueue_job("accounts.password_reset", school=school_id, user=user.pk)


@job_kind("accounts.password_reset", label=gettext_lazy("E-mail om een nieuw wachtwoord te kiezen"))
def password_reset(job: Job) -> None:
    with scopes_disabled():
        user = User.objects.get(pk=job.params["user"])
    if not user.is_active or not user.email:
        return
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "base_url": public_url("").rstrip("/"),
        "sent_on": timezone.localdate(),
    }
    with translation.override(language_of(user)):
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.txt", context)
    send_mail(subject, body, None, [user.email])


@expirer("guardian invitations")
def remove_old_invitations(now: dt.datetime) -> int:
    """Invitations that were never used and expired a month ago can never be used again; they go. Used
    ones stay: they are the history of how a guardian got access."""
    with scopes_disabled():
        deleted, _rows = GuardianInvitation.objects.filter(
            used_at__isnull=True, expires_at__lt=now - OLD_INVITATION
        ).delete()
    return deleted
