from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("rol/", home_views.switch_role, name="switch_role"),
    path("", include("koers.home.urls")),
    path("dossier/", include("koers.dossier.urls")),
    path("beheer/", include("koers.schools.urls")),
    path("gesprekken/", include("koers.conversations.urls")),
    path("programma/", include("koers.programme.urls")),
    path("privacy/", include("koers.transfer.urls")),
]
