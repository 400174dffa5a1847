"""Rows of the permission matrix for the student's dossier (see tests/matrix.py for the vocabulary)."""

from __future__ import annotations

from tests.matrix import (
    FOLLOWERS,
    OWN_DOSSIER,
    POST_ONLY,
    Redirect,
    Row,
    of_student,
    only,
    pk,
    student_only_post,
)

ROWS: dict[str, Row | list[Row]] = {
    # --- the student's own dossier (dossier/views/: overview, traits, ...) ---
    "dossier:home": Row(get=OWN_DOSSIER),
    "dossier:timeline": Row(get=OWN_DOSSIER),
    "dossier:access_log": Row(get=OWN_DOSSIER),
    # Who sees the dossier and consent: every student has the page; a guardian has one per child. An empty
    # POST is refused with a message on the same page.
    "dossier:family": Row(
        get=OWN_DOSSIER,
        post=only(student=Redirect("dossier:family"), classmate=Redirect("dossier:family")),
    ),
    "dossier:guardian_family": Row(
        kwargs=of_student, get=only(guardian=200), post=only(guardian=Redirect("dossier:guardian_family"))
    ),
    # --- a student's dossier as others see it; the student themself is sent to their own page ---
    "dossier:student": Row(
        kwargs=of_student,
        get=only(student=Redirect("dossier:home"), mentor=200, counsellor=200, guardian=200),
    ),
    "dossier:student_timeline": Row(
        kwargs=of_student,
        get=only(student=Redirect("dossier:timeline"), mentor=200, counsellor=200, guardian=200),
    ),
    # Mentors, counsellors, guardians and every teacher of the school may compliment; not the student.
    "dossier:compliment_new": Row(
        kwargs=of_student, get=only(mentor=200, counsellor=200, guardian=200, teacher=200)
    ),
    # --- qualities and motives: only the student writes ---
    "dossier:trait_new": Row(get=OWN_DOSSIER),
    "dossier:trait_edit": Row(kwargs=pk("quality"), get=only(student=200)),
    "dossier:trait_delete": Row(kwargs=pk("quality"), get=POST_ONLY, post=student_only_post("dossier:home")),
    # --- ambitions ---
    "dossier:ambition_new": Row(get=OWN_DOSSIER),
    "dossier:ambition": Row(kwargs=pk("ambition"), get=only(student=200)),
    "dossier:ambition_delete": Row(
        kwargs=pk("ambition"), get=POST_ONLY, post=student_only_post("dossier:home")
    ),
    # An empty step is refused with the form shown again.
    "dossier:ambition_step_new": Row(kwargs=pk("ambition"), get=POST_ONLY, post=student_only_post(200)),
    "dossier:ambition_step_toggle": Row(
        kwargs=pk("step"), get=POST_ONLY, post=student_only_post("dossier:ambition")
    ),
    # --- network ---
    "dossier:contact_new": Row(get=OWN_DOSSIER),
    "dossier:contact_edit": Row(kwargs=pk("contact"), get=only(student=200)),
    "dossier:contact_delete": Row(
        kwargs=pk("contact"), get=POST_ONLY, post=student_only_post("dossier:home")
    ),
    "dossier:contact_toggle": Row(
        kwargs=pk("contact"), get=POST_ONLY, post=student_only_post("dossier:home")
    ),
    # --- actions: followers read them, the guardian only a shared one ---
    "dossier:action_new": Row(get=OWN_DOSSIER),
    "dossier:action": [
        Row(variant="private", kwargs=pk("action"), get=only(**FOLLOWERS)),
        Row(variant="shared", kwargs=pk("shared_action"), get=only(**FOLLOWERS, guardian=200)),
    ],
    "dossier:action_edit": Row(kwargs=pk("action"), get=only(student=200)),
    "dossier:action_status": Row(
        kwargs=pk("action"), get=POST_ONLY, post=student_only_post("dossier:action")
    ),
    "dossier:share_toggle": Row(
        get=POST_ONLY,
        post=student_only_post("dossier:home"),
        post_data=lambda o: {"kind": "experience", "pk": o.experience.pk, "shared": "1"},
    ),
    # --- experiences, evidence, reflections, remarks (views/experiences.py) ---
    "dossier:experience_new": Row(get=OWN_DOSSIER),
    "dossier:experience": [
        Row(variant="private", kwargs=pk("experience"), get=only(**FOLLOWERS)),
        Row(variant="shared", kwargs=pk("shared_experience"), get=only(**FOLLOWERS, guardian=200)),
    ],
    "dossier:experience_edit": Row(kwargs=pk("experience"), get=only(student=200)),
    # GET asks for confirmation; the POST deletes.
    "dossier:experience_delete": Row(
        kwargs=pk("experience"), get=only(student=200), post=student_only_post("dossier:home")
    ),
    "dossier:evidence_new": Row(kwargs=pk("experience"), get=only(student=200)),
    "dossier:reflection": Row(
        kwargs=lambda o: {"pk": o.experience.pk, "competence": "qualities"}, get=only(student=200)
    ),
    # One tap on a quality a reflection named: only the student, for their own experience.
    "dossier:quality_from_reflection": Row(
        kwargs=pk("experience"), get=POST_ONLY, post=student_only_post("dossier:experience")
    ),
    "dossier:evidence_file": [
        Row(serves="image/", variant="private", kwargs=pk("evidence"), get=only(**FOLLOWERS)),
        Row(
            serves="image/",
            variant="shared",
            kwargs=pk("shared_evidence"),
            get=only(**FOLLOWERS, guardian=200),
        ),
    ],
    "dossier:evidence_delete": Row(
        kwargs=pk("evidence"), get=only(student=200), post=student_only_post("dossier:experience")
    ),
    "dossier:voice_file": Row(serves="audio/", kwargs=pk("voice_answer"), get=only(**FOLLOWERS)),
    # The dialogue on an entry: mentor and counsellor ask, the student answers.
    "dossier:remark_new": [
        Row(
            variant="experience",
            query=lambda o: f"?experience={o.experience.pk}",
            get=only(**FOLLOWERS),
            post=only(**dict.fromkeys(["student", "mentor", "counsellor"], Redirect("dossier:experience"))),
            post_data=lambda o: {"text": "Wat zou je de volgende keer anders doen?"},
        ),
        Row(
            variant="action",
            query=lambda o: f"?action={o.action.pk}",
            get=only(**FOLLOWERS),
        ),
    ],
}
