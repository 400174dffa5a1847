"""The notifications page, opening one (marks it read and goes to its page, as the role it was for), marking
all read, and the person's choice of e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.rules import is_anyone
from koers.access.tenancy import activate_role
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors
from koers.notifications import domain, queries
from koers.notifications.forms import DeliveryForm


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    role = permit(request, is_anyone)
    return render_page(
        request,
        "notifications/list.html",
        {"notifications": queries.notifications_of(role), "unread": role.unread_notifications},
    )


@login_required
@require_GET
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    notification = queries.get_own_notification_for(request.user, pk)  # type: ignore[arg-type]
    role = notification.role
    domain.mark_read(role=role, notification=notification)
    activate_role(request, role)
    return redirect(queries.link_of(notification))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    role = permit(request, is_anyone)
    domain.mark_all_read(role=role)
    messages.success(request, _("Alle meldingen staan op gelezen."))
    return redirect("notifications:list")


@login_required
@GET_POST
def delivery(request: HttpRequest) -> HttpResponse:
    permit(request, is_anyone)
    user = request.user
    form = DeliveryForm(
        request.POST if request.method == "POST" else None,
        initial={"delivery": user.notification_delivery},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.choose_delivery(user=user, delivery=form.cleaned_data["delivery"])  # type: ignore[arg-type]
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je keuze is bewaard."))
            return redirect("notifications:list")
    return render_page(
        request, "notifications/settings.html", {"form": form}, status=400 if form.errors else 200
    )
