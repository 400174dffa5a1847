from django.urls import path

from koers.dossier.views import experiences, portfolio

app_name = "dossier"

urlpatterns = [
    # --- overview, LOB-lijn, traits, compliments, ambitions, network, actions (views/portfolio.py) ---
    path("", portfolio.home, name="home"),
    path("lijn/", portfolio.timeline, name="timeline"),
    # --- experiences, evidence, reflections, remarks (views/experiences.py) ---
]
