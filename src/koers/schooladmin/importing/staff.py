"""Staff codes (afkortingen): the admin sets them by hand or reads them from a staff export, so the
Magister mentor column ("JAN, PIE") finds its mentors. Codes live on the staff member's roles at the school.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.schooladmin.importing.decode import DecodeError, decode
from koers.schooladmin.importing.presets import normalise
from koers.schooladmin.rules import can_import
from koers.schools.models import STAFF_KINDS, Role

MAX_CODE = 16
_CODE = re.compile(r"^[\w.-]+$")
CODE_COLUMNS = ("afkorting", "code", "docentcode", "medewerkercode", "afk")
EMAIL_COLUMNS = ("e-mail", "email", "e-mailadres", "e-mail werk", "e-mailadres school")


def _staff_roles(school_id: int, user_ids: set[int] | None = None) -> list[Role]:
    roles = (
        Role.objects.filter(school_id=school_id, kind__in=STAFF_KINDS).select_related("user").order_by("pk")
    )
    if user_ids is not None:
        roles = roles.filter(user_id__in=user_ids)
    return list(roles.select_for_update(of=("self",)))


def code_problem(code: str) -> str:
    """Why ``code`` cannot be a staff code, or an empty text."""
    if len(code) > MAX_CODE:
        return _("Een afkorting is hoogstens %(max)s tekens lang.") % {"max": MAX_CODE}
    if code and not _CODE.match(code):
        return _("Een afkorting bestaat uit letters, cijfers, punten en streepjes, zonder spaties.")
    return ""


@transaction.atomic
def set_staff_codes(*, by: Role, codes: dict[int, tuple[str, str]]) -> int:
    """Set each staff member's code: ``{user id: (the code the admin saw, the new code)}``.

    All or nothing. A code already used by someone else at the school is refused, and so is a change to a
    code another admin changed meanwhile (the admin sees the new value and decides again). Returns how many
    people got another code.
    """
    require(by, can_import)
    everyone = _staff_roles(by.school_id)
    current: dict[int, str] = {}
    for role in everyone:
        current.setdefault(role.user_id, "")
        current[role.user_id] = current[role.user_id] or role.staff_code
    errors: dict[str, str] = {}
    wanted = dict(current)
    for user_id, (seen, new) in codes.items():
        new = new.strip()
        if user_id not in current:
            continue  # not staff (any more): nothing to set
        if current[user_id] not in (seen, new):
            errors[f"code_{user_id}"] = _(
                "Iemand anders heeft deze afkorting intussen veranderd in '%(now)s'. Kijk of uw wijziging "
                "nog klopt en bewaar opnieuw."
            ) % {"now": current[user_id] or "-"}
            continue
        problem = code_problem(new)
        if problem:
            errors[f"code_{user_id}"] = problem
            continue
        wanted[user_id] = new
    owners: dict[str, list[int]] = {}
    for user_id, code in wanted.items():
        if code:
            owners.setdefault(code.casefold(), []).append(user_id)
    names = {role.user_id: str(role.user) for role in everyone}
    for user_ids in owners.values():
        if len(user_ids) > 1:
            for user_id in user_ids:
                if wanted[user_id] != current[user_id] and f"code_{user_id}" not in errors:
                    others = ", ".join(names[u] for u in user_ids if u != user_id)
                    errors[f"code_{user_id}"] = _("Deze afkorting heeft %(others)s al.") % {"others": others}
    if errors:
        raise ValidationError(errors)
    changed = {user_id for user_id, code in wanted.items() if code != current[user_id]}
    roles = [role for role in everyone if role.user_id in changed]
    for role in roles:
        role.staff_code = wanted[role.user_id]
    Role.objects.bulk_update(roles, ["staff_code"])
    return len(changed)


@dataclass
class StaffFileReport:
    changed: int = 0
    unchanged: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)


def import_staff_codes(*, by: Role, filename: str, data: bytes) -> StaffFileReport:
    """Read a staff export with an e-mail and a code column and set the codes of the staff it names.

    Lines that cannot be used (an unknown address, a code that is invalid or given twice) are reported and
    skipped; the others are set together. Nobody is created: staff get their account another way.
    """
    require(by, can_import)
    try:
        table = decode(data, filename)
    except DecodeError as error:
        raise ValidationError({"file": str(error)}) from error
    by_name = {normalise(column): i for i, column in enumerate(table.columns)}
    code_at = next((by_name[c] for c in CODE_COLUMNS if c in by_name), None)
    email_at = next((by_name[c] for c in EMAIL_COLUMNS if c in by_name), None)
    if code_at is None or email_at is None:
        raise ValidationError(
            {
                "file": _(
                    "Koers vindt in dit bestand geen kolom 'Afkorting' (of 'Code') en 'E-mail'. Zet die "
                    "kolomnamen in de eerste regel."
                )
            }
        )
    report = StaffFileReport()
    with transaction.atomic():
        roles = _staff_roles(by.school_id)
        by_email = {role.user.email.casefold(): role.user_id for role in roles if role.user.email}
        current: dict[int, str] = {}
        for role in roles:
            current[role.user_id] = current.get(role.user_id) or role.staff_code
        rows: dict[int, tuple[int, str]] = {}  # user id -> (line, code)
        lines_of_code: dict[str, list[int]] = {}
        for line in table.lines:
            cells = line.cells
            code = cells[code_at].strip() if code_at < len(cells) else ""
            email = cells[email_at].strip() if email_at < len(cells) else ""
            if not code and not email:
                continue
            user_id = by_email.get(email.casefold())
            if user_id is None:
                report.problems.append(
                    (
                        line.number,
                        _("Geen medewerker van deze school heeft het e-mailadres '%(email)s'.")
                        % {"email": email},
                    )
                )
                continue
            problem = code_problem(code) or ("" if code else _("De afkorting ontbreekt."))
            if problem:
                report.problems.append((line.number, problem))
                continue
            rows[user_id] = (line.number, code)
            lines_of_code.setdefault(code.casefold(), []).append(line.number)
        doubles = {c: ns for c, ns in lines_of_code.items() if len(ns) > 1}
        codes: dict[int, tuple[str, str]] = {}
        for user_id, (number, code) in rows.items():
            if code.casefold() in doubles:
                report.problems.append(
                    (
                        number,
                        _("De afkorting %(code)s staat op de regels %(lines)s; overgeslagen.")
                        % {"code": code, "lines": ", ".join(map(str, doubles[code.casefold()]))},
                    )
                )
                continue
            if code == current[user_id]:
                report.unchanged += 1
                continue
            codes[user_id] = (current[user_id], code)
        # A code the file gives to one person but Koers has for another: the file wins only when it also
        # gives that other person a new code; otherwise it is a problem on the line.
        taken = {c.casefold(): u for u, c in current.items() if c and u not in codes}
        for user_id, (_seen, code) in list(codes.items()):
            owner = taken.get(code.casefold())
            if owner is not None and owner != user_id:
                report.problems.append(
                    (
                        rows[user_id][0],
                        _("De afkorting %(code)s heeft in Koers al iemand anders.") % {"code": code},
                    )
                )
                del codes[user_id]
        report.problems.sort()
        report.changed = set_staff_codes(by=by, codes=codes) if codes else 0
    return report
