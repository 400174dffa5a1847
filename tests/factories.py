"""Factories for every model the tests need. They create rows directly; scopes allow create()."""

import datetime as dt

import factory
from django.utils import timezone

from koers.dossier import models as dossier
from koers.lob.vocabulary import ExperienceKind, Feeling
from koers.schools import models as schools

# One name (``f``) for every factory: the people, the sample files and the records live in their own files.
from tests.factories_people import *
from tests.factories_records import *
from tests.sample_files import *


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
    who = ""
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


# --- appended for the safety nets (tenancy canary, permission matrix) ---


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Evidence

    experience = factory.SubFactory(ExperienceFactory)
    student = factory.SelfAttribute("experience.student")
    school = factory.SelfAttribute("experience.school")
    kind = dossier.EvidenceKind.PHOTO
    file = factory.django.ImageField(filename="bewijs.jpg", format="JPEG", width=8, height=8)
    content_type = "image/jpeg"
    size = factory.LazyAttribute(lambda e: e.file.size)
    original_name = "bewijs.jpg"


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Reflection

    experience = factory.SubFactory(ExperienceFactory)
    student = factory.SelfAttribute("experience.student")
    school = factory.SelfAttribute("experience.school")
    competence = "qualities"


class ReflectionPromptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lob.ReflectionPrompt"
        django_get_or_create = ("competence", "key")

    competence = "qualities"
    key = "good-at"
    texts = factory.LazyFunction(lambda: {"nl": "Wat ging goed?", "en": "What went well?"})


class ReflectionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.ReflectionAnswer

    reflection = factory.SubFactory(ReflectionFactory)
    school = factory.SelfAttribute("reflection.school")
    prompt = factory.SubFactory(
        ReflectionPromptFactory, competence=factory.SelfAttribute("..reflection.competence")
    )
    text = "Ik kon goed met klanten praten."


class TraitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lob.Trait"
        django_get_or_create = ("kind", "key")

    kind = "quality"
    key = "helpful"
    icon = "quality.helpful"
    texts = factory.LazyFunction(lambda: {"nl": "behulpzaam", "en": "helpful"})


class StudentTraitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.StudentTrait

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    kind = "quality"
    trait = factory.SubFactory(TraitFactory)


class ComplimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Compliment

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    trait = factory.SubFactory(TraitFactory)
    message = "Je hielp een klasgenoot zonder dat iemand het vroeg."
    given_by = factory.SubFactory(UserFactory)
    given_as = schools.RoleKind.MENTOR


class AmbitionStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.AmbitionStep

    ambition = factory.SubFactory(AmbitionFactory)
    school = factory.SelfAttribute("ambition.school")
    text = "Een dag meelopen in een garage"
    order = factory.Sequence(lambda n: n)


class RemarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = dossier.Remark

    experience = factory.SubFactory(ExperienceFactory)
    student = factory.SelfAttribute("experience.student")
    school = factory.SelfAttribute("experience.school")
    author = factory.SubFactory(UserFactory)
    author_role = schools.RoleKind.MENTOR
    text = "Wat vond je het lastigste die dag?"


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "access.AuditEntry"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    actor = factory.SubFactory(UserFactory)
    actor_role = schools.RoleKind.MENTOR
    action = "view"


# --- conversations -----------------------------------------------------------------------------------


class ConversationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.ConversationType"
        django_get_or_create = ("school", "key")  # a shipped key gives the school's own copy

    school = factory.SubFactory(SchoolFactory)
    key = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Voortgangsgesprek {n}")
    guide = factory.LazyFunction(lambda: {"phases": {}, "reminders": []})


class ConversationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.ConversationRound"

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    year_level = 3
    name = "Ronde 1"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=14))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.Conversation"

    student = factory.SubFactory(StudentFactory)
    school = factory.SelfAttribute("student.school")
    type = factory.SubFactory(ConversationTypeFactory, school=factory.SelfAttribute("..school"))
    mentor = factory.SubFactory(UserFactory)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    place = "Lokaal 12"


class PreparationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.Preparation"

    conversation = factory.SubFactory(ConversationFactory)
    school = factory.SelfAttribute("conversation.school")
    author = factory.SelfAttribute("conversation.student.user")
    author_role = schools.RoleKind.STUDENT
    talk_about = "Mijn snuffelstage"


class PhaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.PhaseNote"

    conversation = factory.SubFactory(ConversationFactory)
    school = factory.SelfAttribute("conversation.school")
    phase = "experience"
    text = "Vertelde over de garage."


class PrivateNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.PrivateNote"

    conversation = factory.SubFactory(ConversationFactory)
    school = factory.SelfAttribute("conversation.school")
    author = factory.SelfAttribute("conversation.mentor")
    text = "Volgende keer naar thuissituatie vragen."


class ConversationTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.ConversationTag"

    conversation = factory.SubFactory(ConversationFactory)
    school = factory.SelfAttribute("conversation.school")
    kind = "occupation"
    text = "automonteur"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conversations.Agreement"

    conversation = factory.SubFactory(ConversationFactory)
    school = factory.SelfAttribute("conversation.school")
    action = factory.SubFactory(ActionFactory, student=factory.SelfAttribute("..conversation.student"))
    party = "student"


# --- programme ---


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.ActivityType"
        django_get_or_create = ("school", "key")

    school = factory.SubFactory(SchoolFactory)
    key = "company_visit"
    name = "Bedrijfsbezoek"
    icon = "activity.company_visit"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Activity"

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    type = factory.SubFactory(ActivityTypeFactory, school=factory.SelfAttribute("..school"))
    title = factory.Sequence(lambda n: f"Bedrijfsbezoek {n}")
    track = schools.Track.VMBO_KADER
    year_level = 3
    starts_on = factory.LazyAttribute(lambda a: a.school_year.starts_on + dt.timedelta(days=60))
    competences = factory.LazyFunction(lambda: ["work_exploration"])
    elements = factory.LazyFunction(lambda: ["practice"])


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Assignment"

    school = factory.SubFactory(SchoolFactory)
    key = factory.Sequence(lambda n: f"opdracht-{n}")
    title = factory.Sequence(lambda n: f"Beroepen in je straat {n}")
    goal = "Ontdekken welk werk mensen om je heen doen."
    steps = factory.LazyFunction(lambda: ["Vraag drie buren naar hun werk.", "Schrijf op wat je hoorde."])
    audience = "student"
    format = "questions"
    competences = factory.LazyFunction(lambda: ["work_exploration"])
    elements = factory.LazyFunction(lambda: ["practice"])


class GivenAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.GivenAssignment"

    assignment = factory.SubFactory(AssignmentFactory)
    school = factory.SelfAttribute("assignment.school")
    given_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    given_by = factory.SubFactory(UserFactory)


class AssignmentWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.AssignmentWork"

    given = factory.SubFactory(GivenAssignmentFactory)
    school = factory.SelfAttribute("given.school")
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..school"))
    answers = factory.LazyFunction(lambda: {"text": "Mijn buurvrouw is verpleegkundige."})


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Participation"

    activity = factory.SubFactory(ActivityFactory)
    school = factory.SelfAttribute("activity.school")
    student = factory.SubFactory(StudentFactory, school=factory.SelfAttribute("..school"))
    noted_by = factory.SubFactory(UserFactory)
