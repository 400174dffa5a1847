"""`koers worker`: runs the queued tasks (django-tasks' database worker) and starts the schedules.

The schedules need no system cron: a thread looks every SCHEDULE_LOOK seconds which are due. With
``batch`` the worker starts what is due, runs everything that is ready and exits, which is what a cron line
calls (`*/5 * * * * koers worker --batch`). Several workers may run at once: a schedule's period is started
by whichever inserts its ScheduleRun row first, and a task is claimed by one worker only.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from koers.background.models import ScheduleRun
from koers.background.queue import enqueue_job
from koers.background.registry import SCHEDULES

logger = logging.getLogger("koers.background")
SCHEDULE_LOOK = 30.0


def start_due_schedules(now: dt.datetime | None = None) -> list[str]:
    """Start every schedule whose period has begun and has no run yet; returns their names."""
    now = now or timezone.now()
    started = []
    for item in SCHEDULES.values():
        period = item.period(now)
        if period is None:
            continue
        try:
            with transaction.atomic():
                ScheduleRun.objects.create(name=item.name, period=period, started_at=now)
                enqueue_job(item.kind, school=None)
        except IntegrityError:
            continue  # this period already ran (or another worker started it just now)
        started.append(item.name)
    return started


class Scheduler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name="koers-scheduler", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                started = start_due_schedules()
            except Exception:  # the worker keeps running tasks; the next look tries again
                logger.exception("starting schedules failed")
            else:
                if started:
                    logger.info("started schedules: %s", ", ".join(started))
            self.stopped.wait(SCHEDULE_LOOK)
        connection.close()


def make_worker(*, batch: bool, interval: float = 1.0) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_worker(*, batch: bool = False, schedules: bool = True, interval: float = 1.0) -> None:
    worker = make_worker(batch=batch, interval=interval)
    if batch:
        if schedules:
            start_due_schedules()
        worker.run()
        return
    scheduler = Scheduler() if schedules else None
    if scheduler is not None:
        scheduler.start()
    worker.configure_signals()
    try:
        worker.run()
    finally:
        if scheduler is not None:
            scheduler.stopped.set()


def start_in_thread() -> threading.Thread:
    """The development server's worker: tasks and schedules in a thread of `koers serve`, so `make run`
    needs no second process."""

    def work() -> None:
        scheduler = Scheduler()
        scheduler.start()
        make_worker(batch=False).run()

    thread = threading.Thread(target=work, name="koers-worker", daemon=True)
    thread.start()
    return thread
