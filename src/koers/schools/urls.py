from django.urls import path

from koers.schools import views

app_name = "schools"

urlpatterns = [
    path("instellingen/", views.school_settings, name="settings"),
]
