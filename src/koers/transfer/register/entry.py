"""The shape of a register entry and the rules for a student's or guardian's copy."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from koers.schools.models import Student


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
