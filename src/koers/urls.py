from django.contrib.auth import views as auth_views
from django.urls import include, path

from koers.accounts.views import login as login_views
from koers.common import views_accessibility, views_speech
from koers.dossier import urls as dossier_urls
from koers.home import views as home_views
from koers.language import views as views_language
from koers.overview import urls as overview_urls

# A refusal is answered as "not found" (or the login page), never 403: see access/gate.py.
handler403 = "koers.access.views.refused"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("inloggen/", login_views.LoginPage.as_view(), name="login"),
    path("inloggen/", include("koers.accounts.urls")),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("rol/", home_views.switch_role, name="switch_role"),
    path("taal/", views_language.choose, name="language"),
    path("eenvoudige-taal/", views_language.choose_simple, name="simple_language"),
    path("voorlezen/", views_speech.read_aloud, name="read_aloud"),
    path("toegankelijkheid/", views_accessibility.accessibility, name="accessibility"),
    path("", include("koers.home.urls")),
    # One namespace for the dossier's pages: its own, and the overview and LOB-lijn composed above it.
    path("dossier/", include((overview_urls.urlpatterns + dossier_urls.urlpatterns, "dossier"))),
    path("beheer/", include("koers.schooladmin.urls")),
    path("gesprekken/", include("koers.conversations.urls")),
    path("programma/", include("koers.programme.urls")),
    path("", include("koers.partners.urls")),
    path("keuzes/", include("koers.choices.urls")),
    path("", include("koers.careers.urls")),
    path("kwaliteit/", include("koers.quality.urls")),
    path("privacy/", include("koers.transfer.urls")),
    path("", include("koers.background.urls")),
    path("", include("koers.notifications.urls")),
]
