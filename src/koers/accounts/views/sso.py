"""Single sign-on: OpenID Connect (mozilla-django-oidc) and SAML (pysaml2). Both are 404 until configured,
and both only log in people the school already imported."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from koers.accounts import saml
from koers.accounts.backends import oidc_configured
from koers.accounts.domain import logins as domain
from koers.common.public_url import at_public_address

logger = logging.getLogger(__name__)


@require_GET
def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc_configured():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(at_public_address(request))


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc_configured():
        raise Http404
    return OIDCAuthenticationCallbackView.as_view()(at_public_address(request))


@require_GET
def saml_start(request: HttpRequest) -> HttpResponse:
    if not saml.saml_configured():
        raise Http404
    return redirect(saml.start(request))


@csrf_exempt  # the federation posts the signed answer; the signature and our signed request id protect it
@require_POST
def saml_acs(request: HttpRequest) -> HttpResponse:
    if not saml.saml_configured():
        raise Http404
    try:
        who = saml.read_response(request)
    except ValueError as error:
        logger.warning("SAML login refused: %s", error)
        messages.error(
            request,
            _("Inloggen via %(name)s is niet gelukt. Probeer het opnieuw.")
            % {"name": settings.KOERS_SAML_NAME},
        )
        return redirect("login")
    try:
        user = domain.match_person(
            issuer=who["issuer"], subject=who["subject"], email=who["email"], email_verified=True
        )
    except ValidationError:
        user = None
    if user is None:
        messages.error(request, domain.UNKNOWN_PERSON_MESSAGE())
        return redirect("login")
    login(request, user, backend="koers.accounts.backends.PasswordBackend")
    return redirect("home")


@require_GET
def saml_metadata(request: HttpRequest) -> HttpResponse:
    if not saml.saml_configured():
        raise Http404
    return HttpResponse(saml.metadata_xml(request), content_type="application/samlmetadata+xml")
