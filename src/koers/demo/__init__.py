"""The demo: a believable school with people and dossiers, built deterministically from a seed.

Use ``from koers.demo.builder import build_demo`` (``koers.demo.build_demo`` works too). This package is an
installed app only for its ``demo`` management command; it has no models.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    # The builder imports models, which cannot happen while Django is still loading its apps.
    if name in {"build_demo", "DemoReport", "DemoLogin", "DemoError", "DEMO_PASSWORD", "delete_demo"}:
        from koers.demo import builder  # noqa: PLC0415 - the builder needs the apps loaded

        return getattr(builder, name)
    raise AttributeError(name)
