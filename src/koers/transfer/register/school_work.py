"""Register entries: the programme, choices, and privacy and transfer."""

from __future__ import annotations

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
from koers.programme.models import (
    Activity,
    ActivityFeedback,
    AssignmentWork,
    GivenAssignment,
    Participation,
)
from koers.transfer.models import AccessRequest, RemovalReport, TransferExport, TransferImport
from koers.transfer.register.entry import DOSSIER_KEPT, STUDENT_AND_GUIDES, Entry

ENTRIES: list[Entry] = [
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
