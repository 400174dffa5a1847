from django.http import HttpRequest


def active_role(request: HttpRequest) -> dict[str, object]:
    return {
        "active_role": getattr(request, "role", None),
        "all_roles": getattr(request, "roles", []),
    }
