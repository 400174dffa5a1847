"""Which texts must exist in every family language (settings.KOERS_FAMILY_LANGUAGES).

Everything students and guardians see is translated into the family languages; staff screens are Dutch and
English only. The set is named by source file (the locations gettext records in the catalogues), so a text
used on a student or guardian page cannot slip through: the translation-completeness test reads the
catalogues and refuses an empty or fuzzy translation of any text that occurs in one of these files.
"""

from __future__ import annotations

from fnmatch import fnmatch

# Paths relative to src/koers, as they appear in the catalogues' "#:" location comments.
FAMILY_SOURCES = (
    # every page's frame, forms, errors, logging in, read-aloud, the accessibility statement
    "templates/*.html",
    "templates/registration/*",
    "common/forms.py",
    "common/uploads.py",
    "common/metadata.py",
    "common/views_speech.py",
    "common/views_accessibility.py",
    "language/views.py",
    "language/domain.py",
    "language/templates/*.html",
    "access/models.py",
    "access/changes.py",
    "accounts/templates/accounts/card_refused.html",
    "accounts/templates/accounts/security.html",
    "accounts/forms.py",
    "accounts/views/*.py",
    "accounts/domain/*",
    "accounts/middleware.py",
    "accounts/templates/accounts/otp_*.html",
    # guardian invitations: the e-mail, the letter, activating access
    "accounts/templates/accounts/invitations/activate.html",
    "accounts/templates/accounts/invitations/email.txt",
    "accounts/templates/accounts/invitations/letters_pdf.html",
    "accounts/templates/accounts/invitations/_letter_steps.html",
    # the vocabulary students and guardians read (competences, kinds, feelings, roles)
    "lob/vocabulary.py",
    "pictograms/labels.py",
    "schools/models.py",
    # the quality area's evaluation as students answer it
    "quality/family_texts.py",
    "quality/templates/quality/student_*.html",
    "quality/templates/quality/_questions.html",
    # the former student's question list, opened with a personal link
    "quality/templates/quality/leavers/answer.html",
    "quality/templates/quality/leavers/refused.html",
    # the dossier: every page is the student's own or a guardian's view of it
    "dossier/*",
    "dossier/*/*",
    "dossier/templates/dossier/*",
    # the dossier's overview and LOB-lijn, composed above conversations
    "overview/*",
    "overview/*/*",
    "overview/templates/overview/*",
    # conversations as the student and guardian see them
    "conversations/templates/conversations/_agreements.html",
    "conversations/templates/conversations/_phase_preparation.html",
    "conversations/templates/conversations/detail.html",
    "conversations/templates/conversations/evaluate_*.html",
    "conversations/templates/conversations/hold_chair.html",
    "conversations/templates/conversations/planning_mine.html",
    "conversations/templates/conversations/planning_invitation_email.txt",
    "conversations/templates/conversations/prepare_form.html",
    "conversations/templates/conversations/pdf_report.html",
    "conversations/models.py",
    "conversations/forms/holding.py",
    "conversations/domain/preparation.py",
    "conversations/domain/closing.py",
    "conversations/queries/holding.py",
    "conversations/queries/planning.py",
    "conversations/views/holding.py",
    "conversations/views/closing.py",
    "conversations/views/planning.py",
    "conversations/forms/closing.py",
    "conversations/ics.py",
    "conversations/domain/planning.py",
    # the programme as the student and guardian see it
    "programme/models.py",
    "programme/templates/programme/assignments/mine.html",
    "programme/templates/programme/assignments/work.html",
    "programme/templates/programme/assignments/_guardian_answer*.html",
    "programme/templates/programme/guardian/*",
    "programme/forms/guardian.py",
    "programme/views/guardian.py",
    "programme/domain/guardian_answers.py",
    "programme/views/assignments.py",
    "programme/views/line.py",
    "programme/queries/line.py",
    "programme/templates/programme/line/_list.html",
    "programme/templates/programme/line/_useful.html",
    "programme/domain/feedback.py",
    "programme/templates/programme/line/student.html",
    "programme/forms/assignments.py",
    "programme/domain/assignments.py",
    "programme/svg.py",
    # internships as the student, the guardian and the workplace supervisor see them
    "partners/templates/partners/family/*",
    "partners/templates/partners/supervisor/*",
    "partners/views/student.py",
    "partners/views/supervisor.py",
    "partners/forms/internships.py",
    "partners/forms/supervisor.py",
    "partners/domain/internships.py",
    "partners/domain/links.py",
    "partners/kinds.py",
    # choices as the student and guardian see them: their pages, forms, labels and refusals
    "choices/templates/choices/family/*",
    "choices/views/family.py",
    "choices/forms/family.py",
    "choices/models.py",
    "choices/domain/choosing.py",
    "choices/domain/ranking.py",
    "choices/domain/results.py",
    "choices/domain/route.py",
    "choices/forms/route.py",
    "choices/views/route.py",
    "choices/reminders.py",
    # the guardian's home, taking the dossier along, requests for access
    "home/templates/home/guardian.html",
    "home/templates/home/no_role.html",
    "home/forms.py",
    "transfer/templates/transfer/_sheet.html",
    "transfer/templates/transfer/access_mine.html",
    "transfer/templates/transfer/approve.html",
    "transfer/templates/transfer/choose.html",
    "transfer/templates/transfer/pdf_cv.html",
    "transfer/templates/transfer/privacy/guardian_access_log.html",
    "transfer/forms.py",
    "transfer/domain/access.py",
    "transfer/domain/moving.py",
    "transfer/views/access.py",
    "transfer/views/moving.py",
    "transfer/exports.py",
    # notifications: the page, the choice of e-mail, the e-mail itself, and what students and guardians are
    # told (staff's weekly overviews live in notifications/digests.py, Dutch and English only)
    "notifications/templates/notifications/*",
    "notifications/kinds.py",
    "notifications/forms.py",
    "notifications/models.py",
    "notifications/views.py",
    "notifications/domain.py",
    # careers: exploring, the interest test, favourites, the school system explained, a child's favourites
    "careers/templates/careers/_*.html",
    "careers/templates/careers/explore.html",
    "careers/templates/careers/occupation.html",
    "careers/templates/careers/fit_form.html",
    "careers/templates/careers/programme*.html",
    "careers/templates/careers/mine.html",
    "careers/templates/careers/interest_*.html",
    "careers/templates/careers/school_system.html",
    "careers/templates/careers/student_careers.html",
    "careers/templates/careers/open_days.html",
    "careers/templates/careers/visit_reflect.html",
    "careers/vocabulary.py",
    "careers/forms.py",
    "careers/domain/favourites.py",
    "careers/domain/interest.py",
    "careers/domain/open_days.py",
    "careers/reminders.py",
)


def is_family_source(path: str) -> bool:
    path = path.split(":")[0].removeprefix("./")
    return any(fnmatch(path, pattern) for pattern in FAMILY_SOURCES)
