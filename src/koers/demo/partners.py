"""The school's network and internships in the demo: the partners the programme's activities name (so their
pages list those activities), a role model and a former student, contact people and a history of contact,
internship places, and in the fixed mentor's group wishes, proposals and approved internships. The fixed
student ("leerling") has an internship that started last week, with two log days, a visit and the
supervisor's first feedback, so every page of the area shows something.

Rows are written with ``bulk_create``; everything comes from the builder's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from koers.partners.domain.links import _hash
from koers.partners.models import (
    ContactMoment,
    ContactPerson,
    FeedbackKind,
    Internship,
    InternshipPlace,
    InternshipStatus,
    LinkUse,
    LinkUseAction,
    LogDay,
    Offer,
    Partner,
    PartnerKind,
    PartnershipStatus,
    PlaceKind,
    PlaceWish,
    SupervisorFeedback,
    SupervisorLink,
    Visit,
)
from koers.schools.models import Membership, Mentorship, School, Student

if TYPE_CHECKING:
    from koers.demo.builder import _Builder

# name -> (kind, offers, sectors, city)
NETWORK: dict[str, tuple[str, list[str], list[str], str]] = {
    "Bouwbedrijf Van Dijk": (
        PartnerKind.COMPANY,
        [Offer.INTERNSHIPS, Offer.COMPANY_VISIT],
        ["construction"],
        "Rotterdam",
    ),
    "Garage De Zuid": (
        PartnerKind.COMPANY,
        [Offer.INTERNSHIPS, Offer.COMPANY_VISIT],
        ["technology"],
        "Rotterdam",
    ),
    "Zorgcentrum De Linde": (
        PartnerKind.COMPANY,
        [Offer.INTERNSHIPS, Offer.GUEST_LESSON],
        ["care"],
        "Schiedam",
    ),
    "Bakkerij Smit": (PartnerKind.COMPANY, [Offer.INTERNSHIPS], ["hospitality", "retail"], "Rotterdam"),
    "Techniekhuis Rijnmond": (
        PartnerKind.COMPANY,
        [Offer.COMPANY_VISIT, Offer.TASTER_DAY],
        ["technology"],
        "Rotterdam",
    ),
    "Albeda": (
        PartnerKind.MBO,
        [Offer.TASTER_DAY, Offer.GUEST_LESSON],
        ["care", "economy_administration"],
        "Rotterdam",
    ),
    "Zadkine": (PartnerKind.MBO, [Offer.TASTER_DAY], ["technology", "ict"], "Rotterdam"),
    "Hogeschool Rotterdam": (PartnerKind.MBO, [Offer.GUEST_LESSON], ["education"], "Rotterdam"),
    "Sanne Bakker, lasser": (PartnerKind.ROLE_MODEL, [Offer.ROLE_MODEL_TALK], ["technology"], "Vlaardingen"),
    "Youssef El Idrissi, verpleegkundige": (
        PartnerKind.ALUMNUS,
        [Offer.ROLE_MODEL_TALK],
        ["care"],
        "Rotterdam",
    ),
}
# (partner, title, kind, hours, capacity, minimum age, needs VOG, safety clothing, supervisor)
PLACES = [
    (
        "Garage De Zuid",
        "Meewerken in de werkplaats",
        PlaceKind.ORIENTATION,
        16,
        2,
        14,
        False,
        True,
        "Henk de Wit",
    ),
    (
        "Bouwbedrijf Van Dijk",
        "Mee op de bouwplaats",
        PlaceKind.ORIENTATION,
        16,
        2,
        15,
        False,
        True,
        "Ria van Dijk",
    ),
    (
        "Zorgcentrum De Linde",
        "Helpen op de afdeling",
        PlaceKind.PREPARATORY,
        24,
        3,
        15,
        True,
        False,
        "Fatima Yilmaz",
    ),
    (
        "Zorgcentrum De Linde",
        "Activiteiten met bewoners",
        PlaceKind.ORIENTATION,
        12,
        2,
        None,
        True,
        False,
        "Kees Bos",
    ),
    (
        "Bakkerij Smit",
        "Achter de toonbank en in de bakkerij",
        PlaceKind.ORIENTATION,
        16,
        1,
        14,
        False,
        False,
        "Anja Smit",
    ),
]
REASONS = (
    "Ik werk graag met mijn handen.",
    "Mijn tante werkt daar en vindt het leuk.",
    "Ik wil weten of de zorg iets voor mij is.",
    "Ik vind het leuk om mensen te helpen.",
    "Ik wil later iets met auto's doen.",
)


def plan_partners(builder: _Builder, school: School) -> int:
    """Fill the school's network and internships; returns the number of internships."""
    b, rng, today = builder, builder.rng, builder.today
    counsellor = b.counsellors_of[school.pk][0]
    partners: dict[str, Partner] = {}
    person_of: dict[str, ContactPerson] = {}
    for name, (kind, offers, sectors, city) in NETWORK.items():
        partners[name] = b.add(
            Partner(
                school=school,
                name=name,
                kind=kind,
                status=PartnershipStatus.ACTIVE if rng.random() < 0.8 else PartnershipStatus.EXPLORING,
                offers=[str(o) for o in offers],
                sectors=sectors,
                opens_paths=kind == PartnerKind.ROLE_MODEL,
                city=city,
                notes="Laat als vrouw in de techniek zien dat lassen voor iedereen is."
                if kind == PartnerKind.ROLE_MODEL
                else "",
            )
        )
    b.save_all(Partner)
    for partner in partners.values():
        first, last = b.person_name(international=b.chance(0.3), adult=True)
        person = b.add(
            ContactPerson(
                school=school,
                partner=partner,
                name=f"{first} {last}",
                job_title=rng.choice(["eigenaar", "praktijkopleider", "afdelingshoofd", "voorlichter"]),
                email=f"{first.lower()}@example.org",
            )
        )
        for _ in range(rng.randint(1, 3)):
            b.add(
                ContactMoment(
                    school=school,
                    partner=partner,
                    on=b.day_between(today - dt.timedelta(days=300), today),
                    by=counsellor,
                    by_name=counsellor.get_full_name(),
                    about=rng.choice(
                        [
                            "Afspraken gemaakt over stageplekken voor dit jaar.",
                            "Nagebeld over het bedrijfsbezoek: ze willen volgend jaar weer.",
                            "Kennisgemaakt; ze zoeken jongeren voor een snuffelstage.",
                        ]
                    ),
                    next_step=rng.choice(["", "In maart opnieuw bellen."]),
                )
            )
        person_of[partner.name] = person
    b.save_all(ContactPerson)
    # The moments point at people only after these have ids.
    for moment in b.rows.get(ContactMoment, []):
        moment.person = person_of[moment.partner.name]
    b.save_all(ContactMoment)

    started = today - dt.timedelta(days=7)
    places = []
    for index, (name, title, kind, hours, capacity, age, vog, clothing, supervisor) in enumerate(PLACES):
        first_day = started if index < 2 else today + dt.timedelta(days=30 + 7 * index)
        places.append(
            b.add(
                InternshipPlace(
                    school=school,
                    partner=partners[name],
                    title=title,
                    kind=kind,
                    sector=partners[name].sectors[0],
                    starts_on=first_day,
                    ends_on=first_day + dt.timedelta(days=18 if kind == PlaceKind.ORIENTATION else 60),
                    hours_per_week=hours,
                    capacity=capacity,
                    minimum_age=age,
                    needs_vog=vog,
                    needs_safety_clothing=clothing,
                    supervisor_name=supervisor,
                )
            )
        )
    b.save_all(InternshipPlace)

    group = next(
        (
            m.group
            for m in b.rows.get(Mentorship, [])
            if m.school_id == school.pk and m.group is not None and m.mentor.username == "mentor"
        ),
        None,
    )
    if group is None:
        return 0
    students: list[Student] = sorted(
        {m.student for m in b.rows.get(Membership, []) if m.group_id == group.pk and m.ends_on is None},
        key=lambda s: (s.user.username != "leerling", s.pk),
    )
    taken = {p.pk: 0 for p in places}
    for number, student in enumerate(students):
        wishes = rng.sample(places, k=min(3, len(places)))
        if number == 0:
            wishes = [places[0], *[p for p in wishes if p is not places[0]]][:3]
        for rank, place in enumerate(wishes, start=1):
            b.add(
                PlaceWish(school=school, student=student, place=place, rank=rank, reason=rng.choice(REASONS))
            )
        # About two thirds get a place; the rest show up as "without a place" for the mentor.
        if number and rng.random() < 0.35:
            continue
        place = next((p for p in wishes if taken[p.pk] < p.capacity), None)
        if place is None:
            continue
        taken[place.pk] += 1
        approved = number == 0 or place.starts_on <= today or rng.random() < 0.5
        b.add(
            Internship(
                school=school,
                student=student,
                place=place,
                status=InternshipStatus.APPROVED if approved else InternshipStatus.PROPOSED,
                wish_rank=wishes.index(place) + 1,
                proposed_by=b.mentors_of[group.pk][0] if b.mentors_of.get(group.pk) else counsellor,
                approved_by=counsellor if approved else None,
                approved_at=b.now if approved else None,
            )
        )
    b.save_all(PlaceWish, Internship)

    mine = next((i for i in b.rows.get(Internship, []) if i.student.user.username == "leerling"), None)
    if mine is not None:
        for days_ago, what in (
            (6, "Gereedschap leren kennen en banden gewisseld met Henk."),
            (5, "Een auto voor de APK nagekeken en de werkplaats opgeruimd."),
        ):
            b.add(
                LogDay(
                    school=school,
                    internship=mine,
                    day=today - dt.timedelta(days=days_ago),
                    hours=Decimal("6.5"),
                    what=what,
                )
            )
        b.add(
            Visit(
                school=school,
                internship=mine,
                on=today - dt.timedelta(days=2),
                by=counsellor,
                notes="Goed gesprek met de praktijkbegeleider; de leerling is op tijd en stelt vragen.",
            )
        )
        link = b.add(
            SupervisorLink(
                school=school,
                internship=mine,
                token_hash=_hash(secrets.token_urlsafe(24)),
                supervisor_name=mine.place.supervisor_name,
                created_by=counsellor,
                created_at=b.now - dt.timedelta(days=6),
                expires_at=b.now + dt.timedelta(days=36),
            )
        )
        b.save_all(LogDay, Visit, SupervisorLink)
        b.add(
            LinkUse(school=school, link=link, action=LinkUseAction.FEEDBACK, at=b.now - dt.timedelta(days=1))
        )
        b.add(
            SupervisorFeedback(
                school=school,
                internship=mine,
                link=link,
                kind=FeedbackKind.MIDWAY,
                text="Komt op tijd, luistert goed en durft te vragen. Mag nog wat vaker zelf aan de slag.",
                supervisor_name=link.supervisor_name,
                given_at=b.now - dt.timedelta(days=1),
            )
        )
        b.save_all(LinkUse, SupervisorFeedback)
    return b.count(Internship)
