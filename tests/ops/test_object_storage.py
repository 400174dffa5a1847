"""Uploads in S3-compatible object storage (moto's server): stored in the bucket, served only by Koers's view.

Runs on any database: the storage is switched for the test, as KOERS_S3_BUCKET does in production.
"""

from __future__ import annotations

import io
import subprocess
import sys

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from koers.common import health
from koers.dossier.models import Evidence
from tests import factories as f
from tests.ops import servers

BUCKET = "koers-private"


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    process, endpoint = servers.start_s3(tmp_path_factory.mktemp("s3") / "moto.log")
    try:
        servers.make_bucket(endpoint, BUCKET)
        yield endpoint
    finally:
        servers.stop(process)


@pytest.fixture
def in_bucket(settings, s3_server):
    env = servers.s3_env(s3_server, BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": env["KOERS_S3_ACCESS_KEY"],
                "secret_key": env["KOERS_S3_SECRET_KEY"],
                "location": "media",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    storages._storages.pop("default", None)  # the storage handler caches the old one
    yield s3_server
    storages._storages.pop("default", None)


def photo() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = "foto.jpg"
    return buffer


def test_an_upload_lands_in_the_bucket_and_only_the_view_serves_it(world, login, in_bucket):

    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student)
    client = login("student")

    response = client.post(reverse("dossier:evidence_new", args=[experience.pk]), {"photos": [photo()]})

    assert response.status_code == 302
    with scopes_disabled():
        evidence = Evidence.objects.get(experience=experience)
    s3 = boto3.client(
        "s3",
        endpoint_url=in_bucket,
        region_name="us-east-1",
        aws_access_key_id="koers-test",
        aws_secret_access_key="koers-test-secret",
    )
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert f"media/{evidence.file.name}" in keys
    served = client.get(reverse("dossier:evidence_file", args=[evidence.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content)[:3] == b"\xff\xd8\xff"
    # Nobody reaches it around Koers: the bucket refuses an unsigned request, another student gets a 404.
    port = int(in_bucket.rsplit(":", 1)[1])
    assert servers.raw_get(port, f"/{BUCKET}/media/{evidence.file.name}") == 403
    assert login("classmate").get(reverse("dossier:evidence_file", args=[evidence.pk])).status_code == 404


def test_readyz_asks_the_bucket(client, db, in_bucket, settings):
    assert health.readiness()[1]["storage"] == "ok"

    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "bucket_name": "no-such-bucket"}},
    }

    assert health.readiness()[1]["storage"] == "failed: ClientError"


def test_settings_turn_on_object_storage_and_redis_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, "
        "s.AXES_HANDLER)"
    )
    env = servers.production_env(
        KOERS_REDIS_URL="redis://127.0.0.1:6379/5", **servers.s3_env("http://127.0.0.1:1", "b")
    )

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )

    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cache",
        "axes.handlers.cache.AxesCacheHandler",
    ], result.stderr


def test_koers_web_refuses_to_run_in_debug(tmp_path):
    env = servers.production_env(KOERS_DEBUG="1", KOERS_DATA_DIR=str(tmp_path))

    result = subprocess.run(
        [str(servers.BIN / "koers"), "web"], env=env, capture_output=True, text=True, timeout=120, check=False
    )

    assert result.returncode == 1
    assert "koers serve" in result.stderr
