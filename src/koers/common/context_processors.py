from django.http import HttpRequest

from koers.common import simple_language as simple


def active_role(request: HttpRequest) -> dict[str, object]:
    return {
        "active_role": getattr(request, "role", None),
        "all_roles": getattr(request, "roles", []),
    }


def simple_language(request: HttpRequest) -> dict[str, object]:
    """``simple_language`` in templates: pick the simpler of two intros with ``{% if simple_language %}``."""
    return {"simple_language": simple.active()}
