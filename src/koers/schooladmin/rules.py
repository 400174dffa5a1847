"""Who may shape the school: only its admin imports from the student administration and changes the
school's settings. An import decides who is in which group and so whose dossier each mentor may open: that
is the school's structure (the admin's job), not guidance (the counsellor's)."""

from koers.access.rules import is_admin

can_import = is_admin
can_change_school_settings = is_admin
