"""The shared rate-limit counter: with Redis, separate processes count together (as web processes on several
hosts do); uploads are limited per person per minute, with the message next to the file field."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.common.ratelimit import STORE, Limit
from koers.dossier.models import Evidence
from tests import factories as f
from tests.ops import servers

# A window of years: the two processes below certainly count inside the same one.
SHARED = Limit("two-processes", limit=30, window=dt.timedelta(days=3650))
HITS_EACH = 20

COUNTING_PROCESS = textwrap.dedent(
    """
    import datetime as dt
    import django
    django.setup()
    from koers.common.ratelimit import Limit
    limit = Limit("two-processes", limit=30, window=dt.timedelta(days=3650))
    print(max(limit.hit("198.51.100.9") for _ in range({hits})))
    """
)


@pytest.fixture
def redis_url(tmp_path, settings):
    try:
        process, port = servers.start_redis(tmp_path)
    except FileNotFoundError:
        pytest.skip("redis-server is not installed (Debian: redis-server)")
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {
        **settings.CACHES,
        STORE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "koers-rate",
        },
    }
    yield url
    caches[STORE].close()
    servers.stop(process)


def test_two_processes_with_redis_share_one_count(redis_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "koers.settings",
        "KOERS_DEBUG": "1",
        "KOERS_REDIS_URL": redis_url,
    }
    script = COUNTING_PROCESS.format(hits=HITS_EACH)
    processes = [
        subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    highest = [int(p.communicate(timeout=120)[0].strip()) for p in processes]

    # Each process saw the other's hits (its last count is above its own share), and none was lost.
    assert max(highest) == 2 * HITS_EACH
    assert SHARED.count("198.51.100.9") == 2 * HITS_EACH
    assert SHARED.exceeded("198.51.100.9")
    assert not SHARED.exceeded("198.51.100.10")


# --- uploads per person per minute -------------------------------------------------------------------------


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Stage bij de kapper")


def test_uploads_past_the_limit_per_minute_are_refused_next_to_the_field(login, experience, settings):
    settings.KOERS_UPLOADS_PER_MINUTE = 2
    client = login("student")
    url = reverse("dossier:evidence_new", args=[experience.pk])
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, 5, tzinfo=dt.UTC), tick=False):
        for _ in range(2):
            assert client.post(url, {"document": f.sample_pdf()}).status_code == 302

        refused = client.post(url, {"document": f.sample_pdf(), "caption": "Mijn werkstuk"})

    page = refused.content.decode()
    assert refused.status_code in (200, 400)
    assert '<p class="error" id="id_document-error">' in page
    assert "Wacht een minuut" in page
    assert "Mijn werkstuk" in page
    with scopes_disabled():
        assert Evidence.objects.filter(experience=experience).count() == 2


def test_uploads_count_again_in_the_next_minute(login, experience, settings):
    settings.KOERS_UPLOADS_PER_MINUTE = 1
    client = login("student")
    url = reverse("dossier:evidence_new", args=[experience.pk])
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, 5, tzinfo=dt.UTC), tick=False):
        assert client.post(url, {"document": f.sample_pdf()}).status_code == 302
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 2, 5, tzinfo=dt.UTC), tick=False):
        assert client.post(url, {"document": f.sample_pdf()}).status_code == 302


def test_the_limit_is_per_person(login, experience, settings, world):
    settings.KOERS_UPLOADS_PER_MINUTE = 1
    url = reverse("dossier:evidence_new", args=[experience.pk])
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, 5, tzinfo=dt.UTC), tick=False):
        assert login("student").post(url, {"document": f.sample_pdf()}).status_code == 302
        with scopes_disabled():
            other = f.ExperienceFactory(student=world.classmate, title="Open dag")
        other_url = reverse("dossier:evidence_new", args=[other.pk])
        assert login("classmate").post(other_url, {"document": f.sample_pdf()}).status_code == 302
