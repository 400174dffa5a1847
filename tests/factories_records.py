"""Factories of transfers, requests, logins, imports, invitations and consents (re-exported by
tests/factories.py as ``f``)."""

import datetime as dt

import factory
from django.utils import timezone

from koers.schools import models as schools
from tests.factories_people import *

# --- transfer ---


class TransferExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transfer.TransferExport"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    receiving_school = "Zadkine"


class TransferImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transfer.TransferImport"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    imported_by = factory.SubFactory(UserFactory)
    source_school = "Het Baken"
    enrolment_confirmed = True


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transfer.AccessRequest"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    requested_by = factory.SelfAttribute("student.user")
    requested_as = schools.RoleKind.STUDENT
    kind = "copy"
    requested_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class RemovalReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transfer.RemovalReport"

    school = factory.SubFactory(SchoolFactory)


# --- accounts ---


class LoginCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.LoginCard"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class SchoolLoginPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.SchoolLoginPolicy"

    school = factory.SubFactory(SchoolFactory)
    staff_second_factor = True


class ImportTokenFactory(factory.django.DjangoModelFactory):
    """A live upload key of a school (its plain key is not known: only the hash is stored)."""

    class Meta:
        model = schools.ImportToken

    school = factory.SubFactory(SchoolFactory)
    name = "Export-script"
    preset = "magister"
    digest = factory.Sequence(lambda n: f"{n:064x}")
    hint = "abcd"


class ImportRunFactory(factory.django.DjangoModelFactory):
    """An import of one new student (3K1) that was read but not applied; not a full export."""

    class Meta:
        model = schools.ImportRun

    school = factory.SubFactory(SchoolFactory)
    by = factory.SubFactory(UserFactory)
    filename = "leerlingen.csv"
    content = (
        '{"columns": ["Stamnr", "Roepnaam", "Achternaam", "Klas"], '
        '"rows": [[2, ["900001", "Ilse", "Vos", "3K1"]]]}'
    )
    mapping = factory.LazyFunction(
        lambda: {
            "columns": {
                "number": "Stamnr",
                "first_name": "Roepnaam",
                "last_name": "Achternaam",
                "group": "Klas",
            },
            "full_export": False,
        }
    )


class GuardianInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.GuardianInvitation"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    guardian = factory.SubFactory(UserFactory)
    kind = "letter"
    code_hash = factory.Sequence(lambda n: f"c{n:063x}")
    token_hash = factory.Sequence(lambda n: f"t{n:063x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class GuardianAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.GuardianAnswer"

    given = factory.SubFactory("tests.factories.GivenAssignmentFactory", assignment__audience="home")
    school = factory.SelfAttribute("given.school")
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..school"))
    guardian = factory.SubFactory(UserFactory)
    text = "We hebben samen gepraat over werk."


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "schools.Consent"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    purpose = "photos"
    granted = True
    decided_by = factory.SelfAttribute("student.user")
    decided_as = schools.RoleKind.STUDENT
