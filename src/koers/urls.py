from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.accounts.views import login as login_views
from koers.common import views_language, views_speech
from koers.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("inloggen/", login_views.LoginPage.as_view(), name="login"),
    path("inloggen/", include("koers.accounts.urls")),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("rol/", home_views.switch_role, name="switch_role"),
    path("taal/", views_language.choose, name="language"),
    path("eenvoudige-taal/", views_language.choose_simple, name="simple_language"),
    path("voorlezen/", views_speech.read_aloud, name="read_aloud"),
    path("toegankelijkheid/", views_speech.accessibility, name="accessibility"),
    path("", include("koers.home.urls")),
    path("dossier/", include("koers.dossier.urls")),
    path("beheer/", include("koers.schools.urls")),
    path("gesprekken/", include("koers.conversations.urls")),
    path("programma/", include("koers.programme.urls")),
    path("privacy/", include("koers.transfer.urls")),
    path("", include("koers.background.urls")),
    path("", include("koers.notifications.urls")),
]
