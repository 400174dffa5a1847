from django.urls import path

from koers.home import views

app_name = "home"

urlpatterns = [
    path("mentor/", views.mentor, name="mentor"),
    path("decaan/", views.counsellor, name="counsellor"),
    path("ouder/", views.guardian, name="guardian"),
    path("docent/", views.teacher, name="teacher"),
    path("schoolleiding/", views.leader, name="leader"),
    path("beheer/", views.admin, name="admin"),
]
