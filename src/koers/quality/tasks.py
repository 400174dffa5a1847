"""Background jobs of the quality area: the e-mails with former students' personal links. The secret of each
link is made here, where it is mailed, never passed through the queue: only its hash is stored."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.background.models import Job
from koers.background.registry import job_kind
from koers.common.public_url import public_reverse
from koers.quality.domain import leavers as domain
from koers.quality.models import EvaluationRound, Leaver


@job_kind("quality.leaver_invites", label=gettext_lazy("Vragenlijst voor oud-leerlingen (e-mail)"))
def leaver_invites(job: Job) -> None:
    evaluation = EvaluationRound.objects.select_related("school").get(pk=job.params["round"])
    if not evaluation.is_open:
        return
    leavers = Leaver.objects.filter(pk__in=job.params["leavers"], school_id=evaluation.school_id).exclude(
        email=""
    )
    already = set(domain.covered(evaluation).values_list("leaver_id", flat=True))
    for leaver in leavers:
        if leaver.pk in already:
            continue  # a job tried again after a failure does not mail anyone twice
        # The link is stored only if the mail server took the message; otherwise the job tries again.
        with transaction.atomic():
            token, invite = domain.issue_invite(leaver=leaver, evaluation=evaluation, days=job.params["days"])
            context = {
                "name": leaver.name,
                "school": evaluation.school.name,
                "url": public_reverse("quality:leaver_answer", kwargs={"token": token}),
                "expires": invite.expires_at,
            }
            subject = _("Hoe gaat het na %(school)s? Een korte vragenlijst") % {"school": context["school"]}
            send_mail(subject, render_to_string("quality/leavers/email.txt", context), None, [leaver.email])
