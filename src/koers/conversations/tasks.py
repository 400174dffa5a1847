"""Background jobs of conversations: one invitation e-mail (with its .ics file) per invitee."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django_scopes import scopes_disabled

from koers.background.models import Job
from koers.background.registry import job_kind
from koers.conversations.domain.planning import Invitation, calendar_for, conversation_url
from koers.conversations.models import Conversation
from koers.language.middleware import language_of
from koers.schools.models import User


def send_invitation(conversation: Conversation, person: User, *, kind: Invitation) -> None:
    """The e-mail and its .ics in the person's language, as the conversation stands now."""
    language = language_of(person)
    with override(language):
        local = timezone.localtime(conversation.scheduled_at)
        context = {
            "person": person,
            "conversation": conversation,
            "kind": kind,
            "when": local,
            "url": conversation_url(conversation),
        }
        subject = {
            "new": _("Uitnodiging: %(type)s op %(day)s"),
            "update": _("Gewijzigd: %(type)s, nu op %(day)s"),
            "cancel": _("Geannuleerd: %(type)s op %(day)s"),
        }[kind] % {"type": conversation.type.local_name, "day": local.strftime("%d-%m-%Y %H:%M")}
        body = render_to_string("conversations/planning_invitation_email.txt", context)
        message = EmailMessage(
            subject=subject, body=body, to=[person.email], headers={"Content-Language": language}
        )
        message.attach(
            "cancel.ics" if kind == "cancel" else "uitnodiging.ics",
            calendar_for(conversation, kind=kind),
            "text/calendar",
        )
    message.send()


@job_kind("conversations.invitation", label=gettext_lazy("Uitnodiging voor een gesprek (e-mail)"))
def invitation_job(job: Job) -> None:
    conversation = Conversation.objects.select_related("type", "mentor", "student__user", "group").get(
        pk=job.params["conversation"]
    )
    with scopes_disabled():
        person = User.objects.get(pk=job.params["person"])
    send_invitation(conversation, person, kind=job.params["kind"])
