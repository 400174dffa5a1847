"""Register entries of models other parts of Koers add, by label.

Entered by label (not by class) so the register loads before those areas exist and without importing the
areas above ``transfer``; ``__init__`` turns the labels of installed models into entries.
"""

from __future__ import annotations

from koers.transfer.register.entry import DOSSIER_KEPT, STUDENT_AND_GUIDES

# (label, student_path, files, purpose, who_sees, kept)
Later = tuple[str, str | None, tuple[str, ...], str, str, str]

LATER: list[Later] = [
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
