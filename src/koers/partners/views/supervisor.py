"""The workplace supervisor's page, opened by their personal link without an account. It shows only the
student's name and the internship, and takes feedback or the end assessment. Every use is audited; an
expired or revoked link says so; unknown links are rate-limited per address. Family texts (the page is
public): every family language; the link itself picks Dutch or English."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from koers.access.tenancy import school_scope
from koers.common.ratelimit import client_address
from koers.common.views import GET_POST, show_domain_errors
from koers.partners.domain import links
from koers.partners.forms.supervisor import FeedbackForm
from koers.partners.models import LinkUseAction

T = "partners/supervisor"


@never_cache
@GET_POST
def supervisor(request: HttpRequest, token: str) -> HttpResponse:
    posted = request.method == "POST"
    try:
        link = links.open_link(
            token,
            address=client_address(request),
            action=LinkUseAction.FEEDBACK if posted else LinkUseAction.OPENED,
        )
    except links.LinkRefused as refused:
        return render(request, f"{T}/refused.html", {"message": refused.message}, status=refused.status)
    language = link.language if not request.user.is_authenticated else translation.get_language()
    with translation.override(language), school_scope(link.school):
        internship = link.internship
        form = FeedbackForm(request.POST if posted else None)
        saved = None
        if posted and form.is_valid():
            try:
                saved = links.give_feedback(
                    link=link,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    ratings=form.ratings(),
                )
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                form = FeedbackForm()
        response = render(
            request,
            f"{T}/page.html",
            {
                "link": link,
                "internship": internship,
                "student_name": internship.student.name,
                "place": internship.place,
                "form": form,
                "saved": saved,
                "given": list(internship.feedback.filter(link__internship=internship).order_by("given_at")),
                "thanks": _("Dank u wel. De leerling en de mentor zien uw feedback.") if saved else "",
            },
            status=400 if form.errors else 200,
        )
    # The secret link must not leave Koers in a Referer header, but "no-referrer" would make browsers send
    # "Origin: null" with the feedback form, which the CSRF check refuses: same-origin keeps both right.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
