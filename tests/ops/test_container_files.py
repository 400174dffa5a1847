"""No container engine runs here, so the Dockerfile and compose file are checked as text: they follow the
README's install steps, install the run-time packages scripts/os-packages.sh names, and start what they
say."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEST_ONLY = {"chromium-headless-shell", "poppler-utils", "gettext", "redis-server"}


def test_the_image_installs_every_run_time_package_and_starts_koers_web():
    dockerfile = (ROOT / "Dockerfile").read_text()
    script = (ROOT / "scripts" / "os-packages.sh").read_text()
    needed = set(re.search(r'needed="([^"]+)"', script).group(1).split()) - TEST_ONLY

    assert needed <= set(dockerfile.split()), needed - set(dockerfile.split())
    assert "pip install --no-cache-dir ." in dockerfile
    assert "collectstatic" in dockerfile
    assert '"koers", "web"' in dockerfile and "/healthz" in dockerfile
    assert re.search(r"^USER koers$", dockerfile, re.MULTILINE)  # not root


def test_compose_runs_web_worker_postgresql_and_redis_after_migrating():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]

    assert {"web", "worker", "db", "redis", "migrate"} <= set(services)
    assert services["worker"]["command"] == ["koers", "worker"]
    assert "koers migrate" in " ".join(services["migrate"]["command"])
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        environment = services[name]["environment"]
        assert environment["KOERS_REDIS_URL"].startswith("redis://redis:")
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "KOERS_SECRET_KEY" in environment and "KOERS_PUBLIC_URL" in environment
