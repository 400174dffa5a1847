"""The overview's pages, served in the ``dossier`` namespace under /dossier/ (see ``koers/urls.py``): to a
student and their family they are the dossier's front page and its LOB-lijn."""

from django.urls import path

from koers.overview import views

urlpatterns = [
    path("", views.home, name="home"),
    path("lijn/", views.timeline, name="timeline"),
    path("leerling/<int:student_pk>/", views.student_dossier, name="student"),
    path("leerling/<int:student_pk>/lijn/", views.student_timeline, name="student_timeline"),
]
