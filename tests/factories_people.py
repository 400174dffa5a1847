"""Factories of schools, people and their roles (re-exported by tests/factories.py as ``f``)."""

import datetime as dt

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from koers.schools import models as schools

PASSWORD = "koers-test-wachtwoord"
_faker = Faker("nl_NL")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.School

    name = factory.Sequence(lambda n: f"Testschool {n}")
    slug = factory.Sequence(lambda n: f"testschool-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    # Names such as "van 't Hof" are real, but their apostrophe is escaped in HTML; tests that look for a
    # name in a page would fail by chance. Dedicated tests cover names with apostrophes.
    last_name = factory.LazyFunction(lambda: _faker.last_name().replace("'", ""))
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    # Hashed before the insert (one query per user, not an insert and a second save).
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Role

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
    kind = schools.RoleKind.STUDENT


def current_school_year_bounds(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    start_year = today.year if today.month >= 8 else today.year - 1
    return dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31)


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.SchoolYear

    school = factory.SubFactory(SchoolFactory)
    starts_on = factory.LazyFunction(lambda: current_school_year_bounds()[0])
    ends_on = factory.LazyFunction(lambda: current_school_year_bounds()[1])
    name = factory.LazyAttribute(lambda y: f"{y.starts_on.year}-{y.ends_on.year}")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Group

    school = factory.SubFactory(SchoolFactory)
    school_year = factory.SubFactory(SchoolYearFactory, school=factory.SelfAttribute("..school"))
    name = factory.Sequence(lambda n: f"3K{n}")
    year_level = 3
    track = schools.Track.VMBO_KADER


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Student
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=15 * 365 + 30))
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=400))

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create:
            schools.Role.objects.create(school=obj.school, user=obj.user, kind=schools.RoleKind.STUDENT)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Membership

    student = factory.SubFactory(StudentFactory)
    group = factory.SubFactory(GroupFactory, school=factory.SelfAttribute("..student.school"))
    school = factory.SelfAttribute("student.school")
    starts_on = factory.LazyFunction(lambda: current_school_year_bounds()[0])


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Mentorship

    group = factory.SubFactory(GroupFactory)
    school = factory.SelfAttribute("group.school")
    mentor = factory.SubFactory(UserFactory)


class GuardianshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = schools.Guardianship

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    guardian = factory.SubFactory(UserFactory)
    has_authority = True
