from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scopes_disabled

from koers.schools.models import Role
from tests.conftest import World


@pytest.fixture
def role_of(world: World) -> Any:
    def _role(persona: str) -> Role:
        with scopes_disabled():
            return Role.objects.select_related("school", "user").get(user=world.users[persona])

    return _role
