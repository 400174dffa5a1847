from django.urls import path

from koers.background import views

app_name = "background"

urlpatterns = [
    path("taken/<int:pk>/", views.job, name="job"),
    path("taken/<int:pk>/bestand/", views.download, name="download"),
    path("beheer/achtergrondtaken/", views.failures, name="failures"),
    path("beheer/achtergrondtaken/<int:pk>/opnieuw/", views.retry, name="retry"),
]
