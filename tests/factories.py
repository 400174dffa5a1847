"""Factories for every model the tests need. They create rows directly; scopes allow create()."""

import datetime as dt

import factory
from django.utils import timezone

from koers.dossier import models as dossier
from koers.lob.vocabulary import ExperienceKind, Feeling
from koers.schools import models as schools

PASSWORD = "koers-test-wachtwoord"


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
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805 (factory-boy passes the object first)
        if create:
            obj.save()


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
    def role(obj, create, extracted, **kwargs):  # noqa: N805
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


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Experience

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    kind = ExperienceKind.INTERNSHIP
    title = factory.Sequence(lambda n: f"Meeloopdag {n}")
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    place = "Garage De Vries"
    what_i_did = "Banden gewisseld en de monteur geholpen."
    feeling = Feeling.PROUD


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Action

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    what = "Een open dag bezoeken"
    who = "ik"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    where_with_whom = "met mijn moeder"
    done_when = "Ik heb drie vragen gesteld en de antwoorden opgeschreven."


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Contact

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    name = factory.Faker("name", locale="nl_NL")
    relation = "oom"
    occupation = "elektricien"


class AmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Ambition

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    dream = "Automonteur worden"
