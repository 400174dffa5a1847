from django.urls import path

from koers.dossier import views

app_name = "dossier"

urlpatterns = [
    path("", views.home, name="home"),
    path("lijn/", views.timeline, name="timeline"),
]
