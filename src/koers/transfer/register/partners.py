"""Register entries of the school's network and internships (partners/), by label (see ``later``)."""

from __future__ import annotations

from koers.transfer.register.entry import DOSSIER_KEPT
from koers.transfer.register.later import Later

PARTNERS: list[Later] = [
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
