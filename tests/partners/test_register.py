import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.careers.content_loader import load_content
from koers.careers.models import Occupation
from koers.partners.domain import register as domain
from koers.partners.models import ContactMoment, InternshipPlace, Partner
from tests import factories as f
from tests.partners import factories as pf

PARTNER = {
    "name": "Zorgcentrum De Linde",
    "kind": "company",
    "status": "active",
    "offers": ["internships", "company_visit"],
    "sectors": ["care"],
    "occupations": [],
    "opens_paths": False,
    "city": "Deventer",
    "address": "",
    "website": "",
    "notes": "",
}


def place_data(**changes):
    today = timezone.localdate()
    data = {
        "title": "Meehelpen op de afdeling",
        "description": "",
        "kind": "orientation",
        "sector": "care",
        "occupation": "",
        "starts_on": today + dt.timedelta(days=30),
        "ends_on": today + dt.timedelta(days=34),
        "hours_per_week": 24,
        "capacity": 2,
        "minimum_age": 15,
        "needs_vog": True,
        "needs_safety_clothing": False,
        "other_requirements": "",
        "supervisor_name": "Fatima Yilmaz",
        "supervisor_email": "f.yilmaz@example.org",
        "supervisor_phone": "",
        "open": True,
    }
    return data | changes


def test_counsellor_adds_partner_with_two_places_through_the_pages(login, in_school):
    client = login("counsellor")

    response = client.post(
        reverse("partners:partner_new"),
        {"name": "Zorgcentrum De Linde", "kind": "company", "status": "active", "offers": ["internships"]},
    )
    partner = Partner.objects.get(name="Zorgcentrum De Linde")
    for title in ("Meehelpen op de afdeling", "Meelopen in de keuken"):
        data = place_data(title=title)
        client.post(
            reverse("partners:place_new", args=[partner.pk]),
            {k: v for k, v in data.items() if v not in (False, None)},
        )
    page = client.get(reverse("partners:partner", args=[partner.pk]))

    assert response.status_code == 302
    assert InternshipPlace.objects.filter(partner=partner).count() == 2
    assert "Meelopen in de keuken" in page.content.decode()


def test_partner_without_name_gets_a_message_and_nothing_is_saved(login, in_school):
    response = login("counsellor").post(reverse("partners:partner_new"), {"name": " ", "kind": "company"})

    assert response.status_code == 400
    assert not Partner.objects.exists()


def test_mentor_may_not_add_a_partner(world, role_of, in_school):
    with pytest.raises(PermissionDenied):
        domain.add_partner(by=role_of("mentor"), **PARTNER)


def test_same_name_twice_is_refused(role_of, in_school):
    domain.add_partner(by=role_of("counsellor"), **PARTNER)

    with pytest.raises(ValidationError) as refused:
        domain.add_partner(by=role_of("counsellor"), **PARTNER | {"name": "zorgcentrum de linde"})

    assert "name" in refused.value.error_dict


def test_renaming_a_partner_follows_into_the_programme(world, role_of, in_school):
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER)
    activity = f.ActivityFactory(school_year=world.group.school_year, partner="zorgcentrum de linde")

    domain.update_partner(by=role_of("counsellor"), partner=partner, **PARTNER | {"name": "De Linde Zorg"})

    activity.refresh_from_db()
    assert activity.partner == "De Linde Zorg"


def test_partner_page_lists_activities_naming_the_partner(world, login, role_of, in_school):
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER)
    f.ActivityFactory(school_year=world.group.school_year, partner=partner.name, title="Bezoek aan De Linde")

    page = login("mentor").get(reverse("partners:partner", args=[partner.pk]))

    assert "Bezoek aan De Linde" in page.content.decode()


def test_place_ending_before_it_starts_is_refused(role_of, in_school):
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER)
    today = timezone.localdate()

    with pytest.raises(ValidationError) as refused:
        domain.add_place(
            by=role_of("counsellor"),
            partner=partner,
            **place_data(starts_on=today, ends_on=today - dt.timedelta(days=1)),
        )

    assert "ends_on" in refused.value.error_dict
    assert not InternshipPlace.objects.exists()


def test_place_cannot_shrink_below_the_students_placed(world, role_of, in_school):
    place = pf.PlaceFactory(partner__school=world.school, capacity=2)
    pf.InternshipFactory(place=place, student=world.student)
    pf.InternshipFactory(place=place, student=world.classmate)
    data = {k: getattr(place, k) for k in place_data()} | {"capacity": 1}

    with pytest.raises(ValidationError) as refused:
        domain.update_place(by=role_of("counsellor"), place=place, **data)

    assert "capacity" in refused.value.error_dict


def test_mentor_records_a_contact_moment(role_of, in_school):
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER)

    domain.record_moment(
        by=role_of("mentor"), partner=partner, on=timezone.localdate(), about="Stageplekken voor 3K"
    )

    moment = ContactMoment.objects.get()
    assert moment.by_name


def test_contact_moment_in_the_future_is_refused(role_of, in_school):
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER)

    with pytest.raises(ValidationError):
        domain.record_moment(
            by=role_of("mentor"),
            partner=partner,
            on=timezone.localdate() + dt.timedelta(days=2),
            about="Later",
        )


# session, user+roles, partners (with counts), activities per name
REGISTER_QUERIES = 4
# session, user+roles, partner, places, internships, activities, people, moments, the form's people
PARTNER_QUERIES = 9


@pytest.mark.parametrize("size", [2, 20])
def test_register_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        for n in range(size):
            partner = pf.PartnerFactory(school=world.school, name=f"Partner {n}")
            pf.PlaceFactory(partner=partner)
            pf.ContactPersonFactory(partner=partner)
    client = login("counsellor")
    client.get(reverse("partners:register"))  # warm the session

    with django_assert_num_queries(REGISTER_QUERIES):
        response = client.get(reverse("partners:register"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_partner_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        partner = pf.PartnerFactory(school=world.school)
        for n in range(size):
            pf.PlaceFactory(partner=partner, capacity=1)
            pf.ContactPersonFactory(partner=partner, name=f"Persoon {n}")
            f.ActivityFactory(school_year=world.group.school_year, partner=partner.name)
    client = login("counsellor")
    client.get(reverse("partners:partner", args=[partner.pk]))

    with django_assert_num_queries(PARTNER_QUERIES):
        client.get(reverse("partners:partner", args=[partner.pk]))


def test_the_activity_form_offers_the_register_as_partner_names(world, login, role_of, in_school):
    domain.add_partner(by=role_of("counsellor"), **PARTNER)

    page = login("counsellor").get(reverse("programme:activity_new")).content.decode()

    assert 'list="partner-register"' in page
    assert '<option value="Zorgcentrum De Linde">' in page


@pytest.fixture
def careers(content):

    load_content()


def test_partner_links_occupations_of_the_careers_catalogue(careers, world, login, role_of, in_school):

    occupation = Occupation.objects.filter(sector__key="care").first()
    partner = domain.add_partner(by=role_of("counsellor"), **PARTNER | {"occupations": [occupation.key]})

    page = login("mentor").get(reverse("partners:partner", args=[partner.pk])).content.decode()

    assert partner.occupations == [occupation.key]
    assert occupation.name in page


def test_an_occupation_outside_the_catalogue_is_refused(role_of, in_school):
    with pytest.raises(ValidationError) as refused:
        domain.add_partner(by=role_of("counsellor"), **PARTNER | {"occupations": ["astronaut-op-mars"]})

    assert "occupations" in refused.value.error_dict
