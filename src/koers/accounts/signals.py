"""At login: note when the session started, remember it for "log out everywhere", and whether this person
must still pass a second factor. At logout: forget the session."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import timezone

from koers.accounts.domain import logins as domain
from koers.accounts.models import OpenSession

LOGIN_AT = "koers_login_at"
SEEN_AT = "koers_seen_at"
SECOND_FACTOR_REQUIRED = "koers_second_factor"


@receiver(user_logged_in, dispatch_uid="koers_accounts_logged_in")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    if domain.needs_second_factor(user):
        session[SECOND_FACTOR_REQUIRED] = True
    if session.session_key:
        OpenSession.objects.filter(
            user=user, started_at__lt=timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        ).delete()
        OpenSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_out, dispatch_uid="koers_accounts_logged_out")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        OpenSession.objects.filter(session_key=session.session_key).delete()
