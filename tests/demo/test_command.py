"""`koers demo` as a management command: builds the small demo, prints every login, refuses production."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from koers.demo.builder import FIXED_USERNAMES
from koers.schools.models import School, Student


def test_demo_command_small_builds_school_and_prints_every_login(db, settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("demo", small=True, stdout=out)

    with scopes_disabled():
        assert Student.objects.filter(school__slug="het-baken").count() == 120
    printed = out.getvalue()
    assert "koers-demo" in printed
    assert "http://127.0.0.1:8000" in printed
    for username in FIXED_USERNAMES:
        assert f"\n  {username} " in printed


def test_demo_command_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", students=10)
    assert not School.objects.exists()


def test_demo_command_force_builds_without_debug(db, settings):
    settings.DEBUG = False

    call_command("demo", students=10, force=True, stdout=StringIO())

    assert School.objects.filter(slug="het-baken").exists()


def test_demo_command_logins_prints_the_existing_demo(db, settings):
    settings.DEBUG = True
    call_command("demo", students=10, seed=3, stdout=StringIO())
    out = StringIO()

    call_command("demo", logins=True, stdout=out)

    assert "buitenstaander" in out.getvalue()
    assert School.objects.count() == 2


def test_demo_command_logins_without_demo_says_how_to_build_one(db):
    with pytest.raises(CommandError, match="koers demo --small"):
        call_command("demo", logins=True)
