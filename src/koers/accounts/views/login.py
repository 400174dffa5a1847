"""The login page (password, single sign-on buttons, lockout), password reset, and the person's own security
page with "log out everywhere"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.rules import is_admin, is_staff
from koers.accounts.backends import oidc_configured
from koers.accounts.domain import logins as domain
from koers.accounts.queries import confirmed_device
from koers.accounts.saml import saml_configured
from koers.accounts.tasks import queue_password_reset
from koers.common.ratelimit import client_address


def sign_on_options() -> dict[str, Any]:
    return {
        "oidc_name": settings.KOERS_OIDC_NAME if oidc_configured() else "",
        "saml_name": settings.KOERS_SAML_NAME if saml_configured() else "",
    }


class LoginPage(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **sign_on_options()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Past the ceiling no password is even tried: spraying from this address stops here.
        if domain.login_refused_for(client_address(request)):
            minutes = int(domain.LOGIN_ADDRESS_WINDOW.total_seconds() // 60)
            return _refused_page(
                request,
                _(
                    "Vanaf dit netwerk is te vaak een verkeerd wachtwoord ingevuld. Probeer het over "
                    "%(minutes)s minuten opnieuw."
                )
                % {"minutes": minutes},
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        if form.data.get("username") and form.data.get("password"):
            domain.count_wrong_login(client_address(self.request))
        return super().form_invalid(form)


def _refused_page(request: HttpRequest, message: str, *, username: str | None = None) -> HttpResponse:
    """The login page with a refusal above the form (429); the username typed stays in the form."""
    context = {
        "form": AuthenticationForm(
            request, initial={"username": username or request.POST.get("username", "")}
        ),
        "locked_out": message,
        "next": request.POST.get("next", ""),
        **sign_on_options(),
    }
    return render(request, "registration/login.html", context, status=429)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """Axes' answer to a locked-out username and address: the login page with a clear message (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Je hebt te vaak een verkeerd wachtwoord ingevuld. Om je account te beschermen kun je het over "
        "%(minutes)s minuten opnieuw proberen. Wachtwoord vergeten? Vraag hieronder een nieuw aan."
    ) % {"minutes": minutes}
    return _refused_page(request, message, username=(credentials or {}).get("username"))


class PasswordResetLater(PasswordResetForm):
    """The reset e-mail is a job: the page answers at once, the worker mails the link (in the language of the
    person it goes to, at the public address) and tries again while the mail server is down."""

    def save(self, *args: Any, **kwargs: Any) -> None:

        for user in self.get_users(self.cleaned_data["email"]):
            queue_password_reset(user)


class PasswordReset(auth_views.PasswordResetView):
    form_class = PasswordResetLater
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # A used, old or made-up link: the page says so, as a 404 (nothing here to see).
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@login_required
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    roles = getattr(request, "roles", [])
    return render(
        request,
        "accounts/security.html",
        {
            "is_staff_member": any(is_staff(r) for r in roles),
            "has_device": confirmed_device(request.user) is not None,
            "is_admin": any(is_admin(r) for r in roles),
        },
    )


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    domain.end_all_sessions(user=request.user)  # type: ignore[arg-type]
    logout(request)
    messages.success(request, _("Je bent nu op al je apparaten uitgelogd."))
    return redirect("login")
