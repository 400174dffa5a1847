"""Tenancy: every request acts as one role at one school, and only that school's rows can be queried.

The active role is kept in the session. The middleware activates a django-scopes scope for the role's school
for the whole request, so a query on school-owned data outside a scope raises instead of leaking.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django_scopes import scope, scopes_disabled

from koers.common.prepared import PreparedQuery
from koers.schools.models import Role, School, User

SESSION_KEY = "koers_role_id"


# Where ``user_with_roles`` leaves the roles it loaded with the user, for ``roles_of``.
ROLES_ATTR = "_koers_roles"


def _roles_query() -> QuerySet[Role]:
    return Role.objects.select_related("school").order_by("school__name", "kind")


def roles_of(user: User) -> list[Role]:
    loaded = getattr(user, ROLES_ATTR, None)
    if loaded is not None:
        return list(loaded)
    with scopes_disabled():
        return list(_roles_query().filter(user=user))


# Asked on every logged-in request: its SQL is built once per process (common/prepared.py).
_ROLES_WITH_USER = PreparedQuery(
    lambda user_id: _roles_query().select_related("user").filter(user_id=user_id), markers=[-7_310_001]
)


def user_with_roles(user_id: int | str) -> User | None:
    """The user and all their roles (with the schools) in one query, for the authentication backends'
    ``get_user``: a logged-in request then costs the session and this one query before the view starts,
    instead of session, user and roles.

    The roles are read with the user joined; only a person without any role costs a second query (for the
    user alone). ``roles_of`` returns the roles loaded here without asking the database again."""
    with scopes_disabled():
        roles = _ROLES_WITH_USER(int(User._meta.pk.to_python(user_id)))
        user: User | None
        if roles:
            user = roles[0].user
            for role in roles:
                role.user = user  # one object for the person, whichever role is active
        else:
            user = User.objects.filter(pk=user_id).first()
        if user is None:
            return None
    setattr(user, ROLES_ATTR, roles)
    return user


def activate_role(request: HttpRequest, role: Role) -> None:
    request.session[SESSION_KEY] = role.pk


class ActiveRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.role = None  # type: ignore[attr-defined]
        request.school = None  # type: ignore[attr-defined]
        request.roles = []  # type: ignore[attr-defined]
        if not request.user.is_authenticated:
            return self.get_response(request)
        roles = roles_of(request.user)
        wanted = request.session.get(SESSION_KEY)
        role = next((r for r in roles if r.pk == wanted), roles[0] if roles else None)
        request.roles = roles  # type: ignore[attr-defined]
        request.role = role  # type: ignore[attr-defined]
        if role is None:
            return self.get_response(request)
        request.school = role.school  # type: ignore[attr-defined]
        with scope(school=role.school_id):
            return self.get_response(request)


def school_scope(school: School | int) -> AbstractContextManager[None]:
    """Activate one school outside a request (commands, tasks, tests)."""
    return scope(school=school if isinstance(school, int) else school.pk)
