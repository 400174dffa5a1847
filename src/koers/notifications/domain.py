"""Writes on notifications: making them (once per key), reading them, the person's choice of e-mail, and
sending the e-mails (at once or as the weekly digest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.background.queue import enqueue_job
from koers.common.public_url import public_reverse, public_url
from koers.language.middleware import language_of
from koers.notifications.models import Delivery, Notification
from koers.notifications.registry import KINDS, New
from koers.schools.models import Role, User


def notify(*, school_id: int, items: Iterable[New], mailed: bool = False) -> int:
    """Make the notifications that do not exist yet (by role and key); returns how many are new. With
    ``mailed`` they need no e-mail of their own (the invitation they are about was already mailed)."""
    wanted = {(item.role_id, item.key): item for item in items}
    if not wanted:
        return 0
    for item in wanted.values():
        if item.kind not in KINDS:
            raise ValueError(f"unknown notification kind {item.kind!r}")
    now = timezone.now()
    with transaction.atomic():
        existing = set(
            Notification.objects.filter(
                role_id__in={r for r, _k in wanted}, key__in={k for _r, k in wanted}
            ).values_list("role_id", "key")
        )
        fresh = [
            Notification(
                school_id=school_id,
                role_id=item.role_id,
                kind=item.kind,
                params=item.params,
                key=item.key,
                created_at=now,
                emailed_at=now if mailed else None,
            )
            for pair, item in wanted.items()
            if pair not in existing
        ]
        # ignore_conflicts: a second worker making the same reminder at the same moment adds nothing.
        Notification.objects.bulk_create(fresh, ignore_conflicts=True)
        recount({n.role_id for n in fresh})
        if fresh and not mailed:
            enqueue_job("notifications.email", school=school_id)
    return len(fresh)


def recount(role_ids: Iterable[int]) -> None:
    """Set each role's unread count from the notifications themselves (one UPDATE), so it cannot drift."""
    ids = list(role_ids)
    if not ids:
        return
    unread = (
        Notification.objects.filter(role_id=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("role_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Role.objects.filter(pk__in=ids).update(unread_notifications=Coalesce(Subquery(unread), 0))


def mark_read(*, role: Role, notification: Notification) -> None:
    if notification.role_id != role.pk:
        raise ValidationError(_("Deze melding is niet voor jou."))
    with transaction.atomic():
        if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        ):
            recount([role.pk])


def mark_all_read(*, role: Role) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(role_id=role.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        recount([role.pk])
    return count


def choose_delivery(*, user: User, delivery: str) -> User:
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": _("Kies hoe je meldingen wilt krijgen.")})
    user.notification_delivery = delivery
    user.save(update_fields=["notification_delivery"])
    return user


# --- e-mail ----------------------------------------------------------------------------------------------


def rendered(notification: Notification) -> dict[str, Any]:
    """Title and absolute link in the active language."""
    kind = KINDS[notification.kind]
    return {
        "title": kind.title(notification.params),
        "url": public_reverse("notifications:open", kwargs={"pk": notification.pk}),
    }


def _send(user: User, notifications: list[Notification], *, digest: bool) -> None:
    with translation.override(language_of(user)):
        items = [rendered(n) for n in notifications]
        context = {
            "name": user.first_name or str(user),
            "items": items,
            "list_url": public_reverse("notifications:list"),
            "settings_url": public_reverse("notifications:settings"),
            "home_url": public_url("/"),
        }
        if digest:
            subject = ngettext(
                "Koers: %(count)d nieuwe melding deze week",
                "Koers: %(count)d nieuwe meldingen deze week",
                len(items),
            ) % {"count": len(items)}
        else:
            subject = _("Koers: %(title)s") % {"title": items[0]["title"][:120]}
        body = render_to_string("notifications/email.txt", {**context, "digest": digest})
        language = translation.get_language()
    EmailMessage(subject=subject, body=body, to=[user.email], headers={"Content-Language": language}).send()


def _claim(ids: list[int], now: dt.datetime) -> bool:
    """Mark them mailed, all or none: only one worker may send them."""
    with transaction.atomic():
        if Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now) == len(
            ids
        ):
            return True
        transaction.set_rollback(True)
        return False


def _unclaim(ids: list[int]) -> None:
    Notification.objects.filter(pk__in=ids).update(emailed_at=None)


def send_pending(*, school_id: int, now: dt.datetime | None = None) -> int:
    """E-mail each not yet mailed notification of this school to people who want e-mail at once; mark the
    ones of people who want none (or have no address) as needing none. Raises on the first message the mail
    server refuses, after putting it back, so the job tries again and nothing is sent twice."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(school_id=school_id, emailed_at__isnull=True, read_at__isnull=True)
        .select_related("role__user")
        .order_by("pk")
    )
    silent = [
        n.pk for n in pending if not n.role.user.email or n.role.user.notification_delivery == Delivery.NONE
    ]
    Notification.objects.filter(pk__in=silent).update(emailed_at=now)
    sent = 0
    for n in pending:
        user = n.role.user
        if n.pk in silent or user.notification_delivery != Delivery.NOW:
            continue
        if not _claim([n.pk], now):
            continue
        try:
            _send(user, [n], digest=False)
        except Exception:
            _unclaim([n.pk])
            raise
        sent += 1
    return sent


def send_digests(*, school_id: int, now: dt.datetime | None = None) -> int:
    """One e-mail per person who chose the weekly digest, with their unread, not yet mailed notifications."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(
            Q(school_id=school_id, emailed_at__isnull=True, read_at__isnull=True),
            role__user__notification_delivery=Delivery.DIGEST,
        )
        .exclude(role__user__email="")
        .select_related("role__user")
        .order_by("role__user_id", "pk")
    )
    per_user: dict[int, list[Notification]] = {}
    for n in pending:
        per_user.setdefault(n.role.user_id, []).append(n)
    sent = 0
    for notifications in per_user.values():
        ids = [n.pk for n in notifications]
        if not _claim(ids, now):
            continue
        try:
            _send(notifications[0].role.user, notifications, digest=True)
        except Exception:
            _unclaim(ids)
            raise
        sent += 1
    return sent
