from django.urls import path

from koers.notifications import views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/<int:pk>/", views.open_notification, name="open"),
    path("meldingen/gelezen/", views.mark_all_read, name="mark_all_read"),
    path("meldingen/instellingen/", views.delivery, name="settings"),
]
