"""Who a student can name as the doer of an action point: their mentors now (group or individual), their
guardians and the contacts of their network. Three queries, whatever the sizes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from koers.dossier.models import Contact, Doer
from koers.schools.models import Membership, Mentorship, Student, User


@dataclass
class DoerOptions:
    mentors: list[User] = field(default_factory=list)
    guardians: list[User] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def choices(self) -> list[tuple[str, str]]:
        """The values of the form's select: "self", "mentor:<user>", "guardian:<user>", "contact:<pk>",
        "other"; labels in the student's words."""
        found = [(Doer.SELF.value, str(Doer.SELF.label))]
        found += [(f"{Doer.MENTOR}:{u.pk}", f"{u} ({Doer.MENTOR.label})") for u in self.mentors]
        found += [(f"{Doer.GUARDIAN}:{u.pk}", f"{u} ({Doer.GUARDIAN.label})") for u in self.guardians]
        found += [(f"{Doer.CONTACT}:{c.pk}", f"{c.name} ({Doer.CONTACT.label})") for c in self.contacts]
        found.append((Doer.OTHER.value, str(Doer.OTHER.label)))
        return found


def mentors_of(student: Student) -> list[User]:
    """The student's mentors now: of a group they are in today, or individually (one query)."""
    groups = Membership.objects.current().filter(student=student).values("group_id")
    mentorships = Mentorship.objects.filter(Q(student=student) | Q(group_id__in=groups))
    return list(
        User.objects.filter(pk__in=mentorships.values("mentor_id")).order_by("first_name", "last_name", "pk")
    )


def doer_options(student: Student) -> DoerOptions:
    return DoerOptions(
        mentors=mentors_of(student),
        guardians=list(
            User.objects.filter(guardianships__student=student).order_by("first_name", "last_name", "pk")
        ),
        contacts=list(Contact.objects.filter(student=student).order_by("name", "pk")),
    )
