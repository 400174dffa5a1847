from django.urls import path

from koers.careers.views import cards, catalogue, explainer, explore, interest, open_days, students

app_name = "careers"
urlpatterns = [
    path("beroepen/", explore.explore, name="explore"),
    path("beroepen/<int:pk>/", explore.occupation, name="occupation"),
    path("beroepen/<int:pk>/past-dit/", explore.fit, name="fit"),
    path("beroepen/past-dit/<int:pk>/spraakbericht/", explore.fit_voice, name="fit_voice"),
    path("beroepen/<int:pk>/favoriet/", explore.favourite_occupation, name="favourite_occupation"),
    path("beroepen/<int:pk>/droom/", explore.make_dream, name="make_dream"),
    path("opleidingen/", explore.programmes, name="programmes"),
    path("opleidingen/<int:pk>/", explore.programme, name="programme"),
    path("opleidingen/<int:pk>/favoriet/", explore.favourite_programme, name="favourite_programme"),
    path("opleidingen/<int:pk>/droom/", explore.make_programme_dream, name="make_programme_dream"),
    path("mijn-beroepen/", explore.mine, name="mine"),
]
urlpatterns += [
    path("interessetest/", interest.interest_home, name="interest"),
    path("interessetest/doen/", interest.interest_take, name="interest_take"),
    path("interessetest/<int:pk>/", interest.interest_result, name="interest_result"),
    path("interessetest/<int:pk>/ervaring/", interest.interest_experience, name="interest_experience"),
]
urlpatterns += [path("schoolsysteem/", explainer.school_system, name="school_system")]
urlpatterns += [
    path("beroepen/leerling/<int:student_pk>/", students.student_careers, name="student_careers"),
    path("beroepen/leerling/<int:student_pk>/namen/", students.names, name="occupation_names"),
    path("beroepen/kind/<int:student_pk>/", students.child_careers, name="child_careers"),
    path("mijn-beroepen/delen/", students.share_my_favourites, name="share_favourites"),
    path("interessetest/<int:pk>/delen/", students.share_my_result, name="share_result"),
]
urlpatterns += [
    path("open-dagen/", open_days.open_days, name="open_days"),
    path("open-dagen/<int:pk>/ik-ga/", open_days.open_day_go, name="open_day_go"),
    path("open-dagen/bezoek/<int:pk>/", open_days.visit_reflect, name="visit_reflect"),
    path("open-dagen/beheer/", open_days.open_days_manage, name="open_days_manage"),
    path("open-dagen/<int:pk>/verwijderen/", open_days.open_day_delete, name="open_day_delete"),
]
urlpatterns += [path("beroepen/overzicht/", students.overview, name="overview")]
urlpatterns += [
    path("beroepen/nieuw/", catalogue.new_occupation, name="new_occupation"),
    path("beroepen/<int:pk>/aanpassen/", catalogue.adjust, name="adjust"),
    path("opleidingen/nieuw/", catalogue.new_programme, name="new_programme"),
    path("opleidingen/<int:pk>/aanpassen/", catalogue.programme_adjust, name="adjust_programme"),
    path("opleidingen/aanbieder/<int:pk>/verwijderen/", catalogue.offer_delete, name="offer_delete"),
]
urlpatterns += [path("beroepen/kaarten.pdf", cards.cards_pdf, name="cards_pdf")]
