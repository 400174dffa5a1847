"""The register of personal data: every model that holds data about a person, why, who sees it, how long.

Export (requests for access), removal (retention) and docs/privacy.md all read this one list, so a model
that stores something about a person is found by all three or by none. ``tests/transfer/test_register.py``
fails when a model is in neither this register nor ``NOT_PERSONAL``.

``student_path`` is the ORM lookup from the model to the ``Student`` a row is about. Models whose rows are
about a user who is not (necessarily) a student (a mentor's account, a retention report) have ``None``: they
are personal data of staff or guardians and are not part of a student's export.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models.fields.files import FieldFile

from koers.access.models import AuditEntry
from koers.choices.models import (
    AllocationRun,
    Choice,
    ChoiceStance,
    Confirmation,
    Module,
    Placement,
    Preference,
    RouteStep,
)
from koers.conversations.models import (
    Agreement,
    Conversation,
    ConversationTag,
    PhaseNote,
    Preparation,
    PrivateNote,
)
from koers.dossier.models import (
    Action,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Evidence,
    Experience,
    Reflection,
    ReflectionAnswer,
    Remark,
    StudentTrait,
)
from koers.programme.models import (
    Activity,
    ActivityFeedback,
    AssignmentWork,
    GivenAssignment,
    Participation,
)
from koers.schools.models import Guardianship, Membership, Mentorship, Role, Student, User
from koers.transfer.models import AccessRequest, RemovalReport, TransferExport, TransferImport


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    # ORM lookup from the model to the Student a row is about; None: rows about a user who is not a student.
    student_path: str | None
    # Names of FileFields on the model.
    files: tuple[str, ...]
    purpose: str
    who_sees: str
    kept: str
    # Who may receive what in a copy for the student or a guardian (a request for access); see COPY_RULES.
    copy: CopyRule = field(default_factory=lambda: CopyRule())

    @property
    def label(self) -> str:
        return self.model._meta.label

    def copied_fields(self) -> list[models.Field]:
        """The fields a student's or guardian's copy holds of a row: no secret, nothing of staff's own."""
        left_out = set(self.copy.secrets) | set(self.copy.staff_only)
        return [f for f in self.model._meta.concrete_fields if f.name not in left_out]

    def goes_to(self, row: models.Model, *, student: Student, requester_id: int) -> bool:
        """Whether ``row`` belongs in the copy ``requester_id`` asked for about ``student``.

        A row with an author is the student's data when the student wrote it, and the requester's own when
        they did; another adult's text (the other parent's preparation) and a private note stay out.
        """
        if self.copy.author is None:
            return True
        author_id = getattr(row, f"{self.copy.author}_id")
        if self.copy.private_to_author:
            return bool(author_id == requester_id)
        return bool(author_id in (student.user_id, requester_id))


@dataclass(frozen=True)
class CopyRule:
    """Whose data a model's rows and fields are, for the copy a student or guardian receives.

    ``secrets``: fields that are never exported anywhere (hashes of codes and passwords, keys, session data).
    ``staff_only``: staff's own notes on a row (the mentor's reflection on a conversation) that a family copy
    leaves out. ``author``: the field naming who wrote a row; such a row is in a copy only when its author is
    the student or the requester. ``private_to_author``: the row goes to its author only (a mentor's private
    note never reaches a family copy).
    """

    secrets: tuple[str, ...] = ()
    staff_only: tuple[str, ...] = ()
    author: str | None = None
    private_to_author: bool = False


DOSSIER_KEPT = "Until the retention period after the student leaves (default two years), unless transferred."
STUDENT_AND_GUIDES = (
    "The student; their mentors and the counsellor; guardians with authority when the student shares it."
)

_ENTRIES: list[Entry] = [
    # --- people and their place at the school ---
    Entry(
        User,
        "student_records",
        (),
        "The account of a person: name, user name, email, password hash, preferred language.",
        "The person; the school's administrator.",
        "While the person has a role at a school; a student's account goes with the dossier.",
    ),
    Entry(
        Role,
        "user__student_records",
        (),
        "What a person is at a school (student, mentor, guardian, ...), which decides what they may see.",
        "The person; the school's administrator.",
        "While the person is at the school.",
    ),
    Entry(
        Student,
        "pk",
        (),
        "The student's place at the school: student number, date of birth, when they joined and left.",
        "The student; staff of the school who guide them; guardians.",
        DOSSIER_KEPT,
    ),
    Entry(
        Membership,
        "student",
        (),
        "Which group (class) the student was in, from when until when.",
        "The student; staff of the school.",
        DOSSIER_KEPT,
    ),
    Entry(
        Mentorship,
        "student",
        (),
        "Who mentors a group or one student, so the mentor can open those dossiers.",
        "The mentor; the counsellor; the administrator.",
        "While the mentorship lasts; individual mentorships go with the student's dossier.",
    ),
    Entry(
        Guardianship,
        "student",
        (),
        "Who the student's guardians are and whether they have parental authority (yes, no or unknown).",
        "The guardian; the student; the counsellor; the administrator.",
        DOSSIER_KEPT,
    ),
    Entry(
        Session,
        None,
        (),
        "Keeps a person logged in (the session holds their user id and active role).",
        "Nobody; only the server reads it.",
        "Until logout or until the session times out.",
    ),
    # --- the dossier ---
    Entry(
        Experience,
        "student",
        (),
        "What the student did and went through, in their own words.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Evidence,
        "student",
        ("file",),
        "Photos, videos, voice notes and documents that show an experience.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Reflection,
        "student",
        (),
        "The student's reflection on an experience, per career competence.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        ReflectionAnswer,
        "reflection__student",
        ("voice",),
        "The student's typed or spoken answers to reflection prompts.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        StudentTrait,
        "student",
        (),
        "Qualities and motives the student recognises in themself.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Compliment,
        "student",
        (),
        "Praise for a quality, given by staff or a guardian (the giver's name is kept with it).",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Ambition,
        "student",
        (),
        "The student's dreams and why they matter to them.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        AmbitionStep,
        "ambition__student",
        (),
        "Small next steps towards an ambition.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Contact,
        "student",
        (),
        "People in the student's network who could help (names of third parties, entered by the student).",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Action,
        "student",
        (),
        "Action points and agreements: what, who, when, how we know it is done.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        Remark,
        "student",
        (),
        "Questions and remarks of mentors on dossier entries, and the student's answers.",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    # --- career conversations ---
    Entry(
        Conversation,
        "student",
        (),
        "A career conversation with the student: when, goal, summary, the student's evaluation.",
        "The student; the mentor and counsellor; guardians when the summary is shared.",
        DOSSIER_KEPT,
    ),
    Entry(
        Preparation,
        "conversation__student",
        ("voice",),
        "How the student (or a guardian) prepared a conversation, typed or spoken.",
        "The author; the mentor and counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        PhaseNote,
        "conversation__student",
        (),
        "Notes made during the phases of a conversation.",
        "The student; the mentor and counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        PrivateNote,
        "conversation__student",
        (),
        "The mentor's own working notes on a conversation.",
        "The mentor who wrote them; never part of a copy for the student or a guardian.",
        DOSSIER_KEPT,
    ),
    Entry(
        ConversationTag,
        "conversation__student",
        (),
        "Qualities, motives and occupations noted during a conversation.",
        "The student; the mentor and counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        Agreement,
        "conversation__student",
        (),
        "Links an action point to the conversation where it was agreed.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    # --- the programme ---
    Entry(
        Activity,
        None,
        (),
        "Planned programme activities; names the staff member responsible.",
        "Staff of the school; students of the groups involved.",
        "As long as the school keeps its programme.",
    ),
    Entry(
        GivenAssignment,
        None,
        (),
        "An assignment given to groups; names the staff member who gave it.",
        "Staff of the school; students of the groups involved.",
        "As long as the school keeps its programme.",
    ),
    Entry(
        AssignmentWork,
        "student",
        ("voice",),
        "The student's work on an assignment, typed or spoken.",
        "The student; the teacher who gave it, their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        Participation,
        "student",
        (),
        "Whether the student took part in a programme activity.",
        "The student; their mentors, teachers and the counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        ActivityFeedback,
        "student",
        (),
        "The student's yes/no on whether an activity was useful, with one optional line.",
        "The student; staff see only counts per activity from five answers, never who said what.",
        DOSSIER_KEPT,
    ),
    # --- choices ---
    Entry(
        Choice,
        "student",
        ("voice",),
        "A choice the student made (profile, route, modules, follow-up education) with their reasons (text "
        "or a voice note), what supports it (experiences, reflections, qualities and motives, occupations, "
        "programmes, interest test results), the open points turned into agreements and, for follow-up "
        "education, the school and the application's status.",
        "The student; their mentors and the counsellor; guardians with authority while the dossier is "
        "theirs.",
        DOSSIER_KEPT,
    ),
    Entry(
        Confirmation,
        "choice__student",
        (),
        "Who confirmed a choice (mentor, guardian, counsellor) and when.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    Entry(
        RouteStep,
        "choice__student",
        (),
        "The student's learning route: per exam unit whether they explore, deepen (and how) or broaden.",
        "The student; their mentors and the counsellor; guardians with authority while the dossier is "
        "theirs.",
        DOSSIER_KEPT,
    ),
    Entry(
        ChoiceStance,
        "student",
        (),
        "Where the student stands with their choices (knows, doubts, no idea, wants something elsewhere).",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    Entry(
        Preference,
        "student",
        (),
        "The student's ranking of elective modules for a school year.",
        "The student; the counsellor.",
        "Until the end of the school year after the one it is for.",
    ),
    Entry(
        Placement,
        "student",
        (),
        "The elective module a student follows in a period, and whether the counsellor fixed it.",
        "The student; their mentors, the counsellor and the module's teacher.",
        DOSSIER_KEPT,
    ),
    Entry(
        Module,
        None,
        (),
        "The school's elective modules; names the teacher.",
        "Staff and students of the school.",
        "As long as the school keeps its modules.",
    ),
    Entry(
        AllocationRun,
        None,
        (),
        "When the elective modules were allocated, by which counsellor, with the figures of the run.",
        "The school's counsellors.",
        "As long as the school keeps its modules.",
    ),
    # --- privacy and transfer ---
    Entry(
        AuditEntry,
        "student",
        (),
        "Who looked at, printed or exported the student's dossier, and when (append-only).",
        "The student and guardians with authority; the counsellor and administrator.",
        DOSSIER_KEPT,
    ),
    Entry(
        TransferExport,
        "student",
        (),
        "What the student chose to take to their next school, and when they approved it.",
        "The student.",
        DOSSIER_KEPT,
    ),
    Entry(
        TransferImport,
        "student",
        (),
        "That a transfer dossier from the previous school was read in, by whom, with how many items.",
        "The counsellor and administrator; the student.",
        DOSSIER_KEPT,
    ),
    Entry(
        AccessRequest,
        "student",
        (),
        "Requests for access (inzage) or a copy, with the legal deadline and when they were handled.",
        "The requester; the counsellor and administrator.",
        DOSSIER_KEPT,
    ),
    Entry(
        RemovalReport,
        None,
        (),
        "What a retention run removed: counts and student numbers, never the removed data; names who ran it.",
        "The school's administrator and counsellor.",
        "As long as the school needs to show what it removed.",
    ),
]


# Models other parts of Koers add; entered here by label so the register loads before they exist.
# (label, student_path, files, purpose, who_sees, kept)
_LATER: list[tuple[str, str | None, tuple[str, ...], str, str, str]] = [
    (
        "notifications.Notification",
        "role__user__student_records",
        (),
        "A notification for one person (its kind and the data it shows: a conversation, an action point, a "
        "home assignment, weekly figures), when it was read and e-mailed.",
        "The person it is for.",
        "As long as the person's role at the school.",
    ),
    (
        "background.Job",
        None,
        ("output",),
        "Work done in the background (e-mails, PDFs, imports, reminders): the ids it is about, who asked, "
        "the error when it failed, and a prepared file (login cards, letters) for its owner.",
        "The person who asked (the file); the school's administrator (failures).",
        "Files for KOERS_DOWNLOAD_HOURS (24 hours); the rows 30 days after the job finished.",
    ),
    (
        "schools.ImportRun",
        None,
        (),
        "A file imported from the student administration (names, numbers, groups, guardians), kept to show "
        "the preview and apply it; afterwards only counts, problem lines and who ran it.",
        "The school's administrator.",
        "The file and the preview's name lists until the import is applied or cancelled, at most 3 days; "
        "problem lines 30 days; counts, file name and who or which key ran it as long as the school uses "
        "Koers.",
    ),
    (
        "schools.ImportToken",
        None,
        (),
        "A key with which the school's export script uploads its file: a name, a hash of the key, who made "
        "it and when it was last used.",
        "The school's administrator.",
        "Until the school is removed; a revoked key stays so the run list can name it.",
    ),
    (
        "accounts.ExternalIdentity",
        "user__student_records",
        (),
        "Links a person to their school account at Microsoft, Google or a federation (single sign-on).",
        "Nobody; only used to log in.",
        "While the person has an account.",
    ),
    (
        "accounts.LoginCard",
        "student",
        (),
        "A printed QR login card of a student (only a hash of the code is kept), who issued and revoked it.",
        "The student's mentors, the counsellor and the administrator.",
        DOSSIER_KEPT,
    ),
    (
        "accounts.GuardianInvitation",
        "student",
        (),
        "An invitation for a guardian (by e-mail link or printed letter; only hashes of code and link are "
        "kept), who sent it, when it expires, was used or revoked.",
        "The school's administrator, the counsellor and the student's mentors.",
        "Until the invitation is used or expires; then as long as the guardianship.",
    ),
    (
        "schools.Consent",
        "student",
        (),
        "Each consent decision for photos or voice notes: what for, given or withdrawn, by whom and when.",
        "The student and guardians with parental authority; the school's staff who guide the student.",
        DOSSIER_KEPT,
    ),
    (
        "programme.GuardianAnswer",
        "student",
        ("voice",),
        "A guardian's own answer (text or voice note, in their language) to a home assignment of the child.",
        "The guardian who gave it.",
        DOSSIER_KEPT,
    ),
    (
        "careers.Favourite",
        "student",
        (),
        "Occupations and programmes the student keeps as favourites (mijn beroepen, mijn opleidingen).",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    (
        "careers.FitReflection",
        "student",
        ("voice",),
        "The student's answer to 'does this occupation fit me?' (what attracts, what they doubt, what to "
        "find out), in text or as a voice note.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    (
        "careers.InterestResult",
        "student",
        (),
        "Each result of the interest test (the answers and the score per field of interest) with its date.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    (
        "careers.OpenDayVisit",
        "student",
        (),
        "Open days and taster days the student goes to, and what they thought of it afterwards.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    (
        "careers.AmbitionLink",
        "ambition__student",
        (),
        "Which occupation or programme of the catalogue an ambition of the student points to.",
        STUDENT_AND_GUIDES,
        DOSSIER_KEPT,
    ),
    (
        "accounts.OpenSession",
        "user__student_records",
        (),
        "Sessions a person opened, so 'log out everywhere' can end them.",
        "Nobody; only the server reads it.",
        "Until the session ends.",
    ),
    # --- the school's quality cycle (quality/) ---
    (
        "quality.ScanRound",
        None,
        (),
        "A round of the school's self-scan: its name, who opened and closed it, the figures measured then.",
        "Staff of the school.",
        "As long as the school keeps its quality cycle.",
    ),
    (
        "quality.ScanResponse",
        None,
        (),
        "That a member of staff answered a self-scan round, and as what role (their answers hang from it).",
        "Staff of the school (answers are shown without names).",
        "As long as the school keeps its quality cycle; removed with the person's account.",
    ),
    (
        "quality.Goal",
        None,
        (),
        "A policy goal of the school: what, why, the member of staff who owns it and who wrote it.",
        "Staff of the school.",
        "As long as the school keeps its quality cycle.",
    ),
    (
        "quality.GoalReview",
        None,
        (),
        "A review of a goal: the note, the figure then and who wrote it.",
        "Staff of the school.",
        "As long as the goal.",
    ),
    (
        "quality.TaskAssignment",
        None,
        (),
        "Who has which part in a career-guidance task (a staff role and their name).",
        "Staff of the school.",
        "As long as the school keeps its task matrix; the name stays to flag a task of someone who left.",
    ),
    (
        "quality.EvaluationTicket",
        None,
        (),
        "That someone answered an evaluation round (no answers, no time), so nobody answers twice.",
        "Nobody; only used to refuse a second answer.",
        "As long as the evaluation round.",
    ),
    (
        "quality.Leaver",
        "student",
        (),
        "Where a leaver went (programme, school, work), whether they stayed, and an e-mail address for the "
        "questionnaire after their first year.",
        "The counsellor and the school leader (figures only, from five students up).",
        "The link to the student and the e-mail address go with the dossier; the figures stay.",
    ),
    (
        "quality.LeaverInvite",
        "leaver__student",
        (),
        "A personal link to the leavers' questionnaire (only a hash of it is kept), when it expires.",
        "Nobody; only used to open the questionnaire once.",
        "Until it is used or expires.",
    ),
    (
        "quality.LearningWish",
        None,
        (),
        "What a member of staff wants to learn about career guidance.",
        "The person; the school leader and counsellor see them counted by topic.",
        "Until the person removes it or leaves the school.",
    ),
    (
        "otp_totp.TOTPDevice",
        "user__student_records",
        (),
        "A staff member's authenticator app for the second login step (a secret key).",
        "Nobody; only used to log in.",
        "While the person uses a second factor.",
    ),
    (
        "axes.AccessAttempt",
        None,
        (),
        "Failed logins (user name, IP address, browser) to lock out password guessing.",
        "The administrator of the installation.",
        "Until the lockout period ends or the attempts are reset.",
    ),
    (
        "axes.AccessAttemptExpiration",
        None,
        (),
        "When a recorded failed login stops counting.",
        "The administrator of the installation.",
        "With the failed login it belongs to.",
    ),
    (
        "axes.AccessFailureLog",
        None,
        (),
        "A log of failed logins (user name, IP address, browser).",
        "The administrator of the installation.",
        "As configured for the login lockout.",
    ),
    (
        "axes.AccessLog",
        None,
        (),
        "A log of logins and logouts (user name, IP address, browser).",
        "The administrator of the installation.",
        "As configured for the login lockout.",
    ),
]

# The school's network and internships (partners/).
_LATER += [
    (
        "partners.Partner",
        None,
        (),
        "A company, school, guest speaker, role model or former student the school works with; a person's "
        "name when the partner is one person, and the school's notes about them.",
        "The school's mentors and counsellors.",
        "Until the school removes the partner.",
    ),
    (
        "partners.ContactPerson",
        None,
        (),
        "Someone at a partner the school talks to: name, job title, e-mail address, telephone.",
        "The school's mentors and counsellors.",
        "Until the school removes the person or the partner.",
    ),
    (
        "partners.ContactMoment",
        None,
        (),
        "Who of the school spoke to a partner, when, with whom and about what.",
        "The school's mentors and counsellors.",
        "Until the school removes the partner.",
    ),
    (
        "partners.InternshipPlace",
        None,
        (),
        "An internship place, with the name and contact details of the supervisor at the workplace.",
        "The school's staff who match students; students choosing a place (without contact details).",
        "Until the school removes the place.",
    ),
    (
        "partners.PlaceWish",
        "student",
        ("voice",),
        "The places a student would like for an internship, in order, with their reason (text or voice).",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.Internship",
        "student",
        (),
        "The student's internship place, who proposed and approved it.",
        "The student and guardians; their mentors and the counsellor; the workplace supervisor (name only).",
        DOSSIER_KEPT,
    ),
    (
        "partners.AgreementSignature",
        "internship__student",
        (),
        "Who agreed to the internship agreement (student, guardian, school, workplace) and when.",
        "The student's mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.LogDay",
        "internship__student",
        ("photo",),
        "The student's internship log: days, hours, what they did, a photo.",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.Visit",
        "internship__student",
        (),
        "The mentor's notes of a visit to the student's workplace.",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.SupervisorLink",
        "internship__student",
        (),
        "A personal link for the workplace supervisor (only a hash is kept): for whom, until when, revoked.",
        "The student's mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.LinkUse",
        "link__internship__student",
        (),
        "Each time a supervisor's link was opened or used, also when it was refused.",
        "The student's mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
    (
        "partners.SupervisorFeedback",
        "internship__student",
        (),
        "The workplace supervisor's feedback and end assessment of the student.",
        "The student; their mentors and the counsellor; in the dossier when the student shares it.",
        DOSSIER_KEPT,
    ),
    (
        "partners.ClassPresentation",
        "internship__student",
        ("photo",),
        "That the student presented their internship in class, what the class said, a photo.",
        "The student; their mentors and the counsellor.",
        DOSSIER_KEPT,
    ),
]

for _label, _path, _files, _purpose, _who, _kept in _LATER:
    with contextlib.suppress(LookupError):
        _ENTRIES.append(Entry(apps.get_model(_label), _path, _files, _purpose, _who, _kept))

# Whose data is what, per model (by label); every model not named here is wholly the student's data.
COPY_RULES: dict[str, CopyRule] = {
    "schools.User": CopyRule(secrets=("password",)),
    "sessions.Session": CopyRule(secrets=("session_key", "session_data")),
    "conversations.Conversation": CopyRule(staff_only=("mentor_reflection", "mirror")),
    "conversations.Preparation": CopyRule(author="author"),
    "conversations.PrivateNote": CopyRule(author="author", private_to_author=True),
    "programme.GuardianAnswer": CopyRule(author="guardian"),
    "accounts.LoginCard": CopyRule(secrets=("token_hash",)),
    "schools.ImportToken": CopyRule(secrets=("digest",)),
    "partners.SupervisorLink": CopyRule(secrets=("token_hash",)),
    "quality.LeaverInvite": CopyRule(secrets=("token_hash",)),
    "accounts.GuardianInvitation": CopyRule(secrets=("code_hash", "token_hash")),
    "accounts.OpenSession": CopyRule(secrets=("session_key",)),
    "otp_totp.TOTPDevice": CopyRule(secrets=("key",)),
    "axes.AccessLog": CopyRule(secrets=("session_hash",)),
}

_ENTRIES = [replace(e, copy=COPY_RULES[e.label]) if e.label in COPY_RULES else e for e in _ENTRIES]
REGISTER: tuple[Entry, ...] = tuple(_ENTRIES)
_BY_MODEL = {entry.model: entry for entry in REGISTER}


def entry_for(model: type[models.Model] | models.Model) -> Entry | None:
    if isinstance(model, models.Model):
        model = type(model)
    return _BY_MODEL.get(model._meta.concrete_model or model)


def rows_of(student: Student) -> Iterator[tuple[Entry, models.QuerySet]]:
    """Every row about ``student``, per register entry (one query each when evaluated).

    Call inside ``school_scope(student.school)``: the scoped managers keep the answer to that school.
    """
    for entry in REGISTER:
        if entry.student_path is None:
            continue
        manager = entry.model._default_manager
        yield entry, manager.filter(**{entry.student_path: student.pk}).distinct().order_by("pk")


def files_of(student: Student) -> list[FieldFile]:
    """Every stored file about ``student`` (call inside ``school_scope``)."""
    found: list[FieldFile] = []
    for entry, rows in rows_of(student):
        if not entry.files:
            continue
        for row in rows.only("pk", *entry.files):
            for name in entry.files:
                stored = getattr(row, name)
                if stored:
                    found.append(stored)
    return found
