from django.http import HttpRequest

from koers.language import simple


def simple_language(request: HttpRequest) -> dict[str, object]:
    """``simple_language`` in templates: pick the simpler of two intros with ``{% if simple_language %}``."""
    return {"simple_language": simple.active()}
