from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import Guardianship

URL = reverse("home:guardian")


def test_guardian_page_links_to_the_child_dossier_and_a_compliment(login, world):
    html = login("guardian").get(URL).content.decode()

    assert world.student.name in html
    assert "3K1" in html
    assert reverse("dossier:student", args=[world.student.pk]) in html
    assert reverse("dossier:compliment_new", args=[world.student.pk]) in html


def test_guardian_page_shows_only_their_own_children(login, world):
    html = login("guardian").get(URL).content.decode()

    assert world.classmate.name not in html


def test_guardian_page_without_authority_explains_and_offers_no_dossier(login, world):
    with scopes_disabled():
        Guardianship.objects.filter(student=world.student).update(has_authority=False)

    html = login("guardian").get(URL).content.decode()

    assert "kunt u niet bekijken" in html
    assert f'href="{reverse("dossier:student", args=[world.student.pk])}"' not in html
    assert reverse("dossier:compliment_new", args=[world.student.pk]) in html


def test_guardian_page_explains_when_no_child_is_linked(login, world):
    with scopes_disabled():
        Guardianship.objects.all().delete()

    html = login("guardian").get(URL).content.decode()

    assert "Er is nog geen kind aan u gekoppeld" in html
