"""The dossier overview, LOB-lijn, qualities and motives, compliments, ambitions, network and actions."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/no_role.html")


timeline = home
