"""The second factor (TOTP): setting up an app with a QR code, entering a code after logging in, and the
admin's choice to require it for staff."""

from __future__ import annotations

import base64

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.access.gate import permit
from koers.accounts.domain import logins as domain
from koers.accounts.forms import CodeForm, PolicyForm
from koers.accounts.queries import confirmed_device
from koers.accounts.rules import can_set_login_policy
from koers.common.views import GET_POST


def _wrong_code() -> str:
    return _("Deze code klopt niet. Kijk of de tijd op je telefoon goed staat en vul de nieuwste code in.")


@login_required
@GET_POST
def setup(request: HttpRequest) -> HttpResponse:
    if confirmed_device(request.user) is not None:
        # A second device is added only by someone who already passed the first one in this session.
        if not request.session.get(django_otp.DEVICE_ID_SESSION_KEY):
            return redirect("accounts:otp_verify")
        messages.info(request, _("Je hebt de tweede stap al ingesteld."))
        return redirect("accounts:security")
    device = domain.device_to_confirm(user=request.user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if domain.confirm_device(device=device, code=form.cleaned_data["code"]):
            django_otp.login(request, device)
            messages.success(request, _("De tweede stap is ingesteld. Voortaan vraagt Koers om een code."))
            return redirect("home")
        form.add_error("code", _wrong_code())
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_POST
def verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _why = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            django_otp.login(request, device)
            return redirect("home")
        form.add_error(
            "code",
            _wrong_code()
            if allowed
            else _("Te veel verkeerde codes na elkaar. Wacht even en probeer het opnieuw."),
        )
    return render(request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@GET_POST
def policy(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_set_login_policy)
    current = domain.policy_of(role.school)
    form = PolicyForm(request.POST or None, initial={"staff_second_factor": current.staff_second_factor})
    if request.method == "POST" and form.is_valid():
        domain.set_login_policy(
            school=role.school,
            staff_second_factor=form.cleaned_data["staff_second_factor"],
            by=role,
        )
        messages.success(request, _("Het inlogbeleid is bewaard."))
        return redirect("accounts:policy")
    return render(request, "accounts/policy.html", {"form": form, "school": role.school})
