"""Real servers for the production tests: Redis, an S3-compatible server (moto), `koers web`, `koers worker`.

Each runs as its own process on a free port of 127.0.0.1 and is stopped by the fixture that started it.
`Browser` is a small HTTP client that keeps cookies, sends the CSRF token and talks as if through a TLS proxy.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "koers.test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(
    ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped (exit {process.returncode})")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {seconds:.0f} s")


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """Stop the processes together: each is asked to end, then each is waited for (and killed after 5 s)."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def start_redis(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def answers() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    wait_for(answers, process, "redis-server", 20)
    return process, port


def start_s3(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: raw_get(port, "/moto-api/") < 500, process, "moto_server", 30)
    return process, url


def raw_get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def s3_env(endpoint: str, bucket: str) -> dict[str, str]:
    return {
        "KOERS_S3_BUCKET": bucket,
        "KOERS_S3_ENDPOINT_URL": endpoint,
        "KOERS_S3_REGION": "us-east-1",
        "KOERS_S3_ACCESS_KEY": "koers-test",
        "KOERS_S3_SECRET_KEY": "koers-test-secret",
    }


def make_bucket(endpoint: str, bucket: str):  # type: ignore[no-untyped-def]
    import boto3  # noqa: PLC0415 - only the object-storage test needs it

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="koers-test",
        aws_secret_access_key="koers-test-secret",
    )
    client.create_bucket(Bucket=bucket)
    return client


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="koers.settings",
        KOERS_SECRET_KEY="scale-out-test-" + "k" * 50,
        KOERS_DEBUG="0",
        KOERS_ALLOWED_HOSTS=HOST,
        KOERS_PUBLIC_URL=f"https://{HOST}",
        KOERS_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        KOERS_LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def start_web(env: dict[str, str], log: Path, *, collect: bool) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    command = [str(BIN / "koers"), "web", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    if not collect:
        command.append("--no-collectstatic")
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=ROOT)
    wait_for(lambda: raw_get(port, "/healthz") == 200, process, f"koers web on {port} (see {log})", 120)
    return process, port


class Browser:
    """Cookies, CSRF and the headers a TLS-terminating proxy adds; the port picks the web process."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self, port: int, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Referer"] = f"https://{HOST}{path}"
            headers["Content-Type"] = content_type
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value:
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, dict(response.headers.items()), data
        finally:
            connection.close()

    def get(self, port: int, path: str) -> tuple[int, dict[str, str], bytes]:
        return self.request(port, "GET", path)

    def csrf(self, port: int, path: str) -> str:
        status, _, page = self.get(port, path)
        assert status == 200, (path, status)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, path
        return found.group(1).decode()

    def post(self, port: int, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        fields = {"csrfmiddlewaretoken": self.csrf(port, path), **fields}
        return self.request(
            port, "POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded"
        )

    def upload(self, port: int, path: str, field: str, filename: str, data: bytes, content_type: str):  # type: ignore[no-untyped-def]
        boundary = uuid.uuid4().hex
        token = self.csrf(port, path)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'.encode()
            + f"{token}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + data
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        return self.request(port, "POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")
