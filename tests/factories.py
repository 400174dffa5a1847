"""Factories for every model the tests need. They create rows directly; scopes allow create()."""

import datetime as dt
import functools
import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import factory
import pikepdf
import pytest
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from faker import Faker
from PIL import Image

from koers.dossier import models as dossier
from koers.lob.vocabulary import ExperienceKind, Feeling
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


# --- appended for experiences and uploads: small but real files, generated in memory ---


def sample_jpeg(
    *, width: int = 40, height: int = 20, with_gps: bool = True, orientation: int = 1, name: str = "foto.jpg"
):
    """A real JPEG; by default with EXIF holding a camera make, GPS position and an orientation tag."""

    image = Image.new("RGB", (width, height), (200, 60, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = orientation  # Orientation
    if with_gps:
        exif[0x8825] = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def sample_png(*, name: str = "plaatje.png", content_type: str = "image/png"):

    buffer = io.BytesIO()
    Image.new("RGBA", (12, 12), (0, 120, 200, 128)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def sample_wav(*, seconds: float = 0.2, name: str = "spraak.wav"):
    """A real WAV file of silence, made with the standard library."""

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="audio/wav")


@functools.cache
def made_by_ffmpeg(extension: str, *arguments: str) -> bytes:
    """A real, tiny recording made by ffmpeg (uploads are remuxed by it, so a made-up header is refused)."""

    binary = shutil.which("ffmpeg")
    if binary is None:
        pytest.skip("ffmpeg is not installed (Debian: ffmpeg; scripts/os-packages.sh)")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"sample.{extension}"
        subprocess.run(
            [binary, "-nostdin", "-loglevel", "error", *arguments, "-y", str(target)], check=True, timeout=60
        )
        return target.read_bytes()


SINE = ("-f", "lavfi", "-i", "sine=frequency=440:duration=0.3")


def sample_webm(*, name: str = "spraakbericht.webm"):
    """A WebM voice note as browsers record it (Opus sound)."""

    data = made_by_ffmpeg("webm", *SINE, "-c:a", "libopus")
    return SimpleUploadedFile(name, data, content_type="audio/webm")


def sample_ogg(*, name: str = "spraakbericht.ogg"):
    data = made_by_ffmpeg("ogg", *SINE, "-c:a", "libopus")
    return SimpleUploadedFile(name, data, content_type="audio/ogg")


def sample_pdf(*, name: str = "werkstuk.pdf", author: str = ""):
    """A real one-page PDF; with ``author`` it carries that name in its document information and XMP."""

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if author:
        pdf.docinfo["/Author"] = author
        with pdf.open_metadata() as xmp:
            xmp["dc:creator"] = [author]
    buffer = io.BytesIO()
    pdf.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def sample_text_as_jpeg(*, name: str = "foto.jpg"):
    """A text file wearing a photo's name and declared type."""

    return SimpleUploadedFile(name, b"Dit is geen foto maar gewoon tekst.\n" * 4, content_type="image/jpeg")


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

    given = factory.SubFactory(GivenAssignmentFactory, assignment__audience="home")
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
