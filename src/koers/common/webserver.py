"""The production web server behind `koers web`: gunicorn, started from Python with Koers's settings.

Why gunicorn and not granian: measured side by side with bench/http.py (2,000-student demo on PostgreSQL,
10 users, 3 processes each, on the shared 2-core machine): the same throughput (6.9 and 6.8 requests/s),
but gunicorn's p95 was lower on every page (mentor's class view 1.6 s against 2.7 s; the machine was busy
with other work, so only the comparison counts). Gunicorn is also pure Python, long proven behind a proxy,
and restarts workers after N requests. One process per core with four threads (gthread) served 9.4
requests/s at 10 users where five single-threaded processes served 3.7 to 4.3, so that is the default.
The access log is off: Koers writes its own line per request without addresses or paths (common.logs).
"""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class KoersServer(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application  # noqa: PLC0415 - gunicorn loads the app after forking

        return get_wsgi_application()


def serve(*, bind: str, workers: int, threads: int) -> None:
    KoersServer(
        {
            "bind": bind,
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "timeout": 60,  # a bulk PDF is a job, so no page takes this long
            "graceful_timeout": 30,
            "max_requests": 5000,  # a slow leak anywhere cannot grow without end
            "max_requests_jitter": 500,
            "accesslog": None,
            "errorlog": "-",
            "forwarded_allow_ips": "*",  # behind the school's proxy; Koers reads only X-Forwarded-Proto
            "proc_name": "koers-web",
        }
    ).run()
