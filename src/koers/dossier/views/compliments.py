"""Giving a student a compliment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain.compliments import give_compliment
from koers.dossier.forms.compliments import ComplimentForm
from koers.dossier.queries.compliments import get_complimentable_student_for
from koers.dossier.rules import can_compliment, can_open_dossiers
from koers.dossier.views.overview import posted
from koers.schools.queries import current_group_of


@login_required
@GET_POST
def compliment_new(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_compliment)
    student = get_complimentable_student_for(role, student_pk)
    form = ComplimentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            give_compliment(
                role=role,
                student=student,
                trait=form.cleaned_data["trait"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je compliment is gegeven aan %(name)s.") % {"name": student.name})
            if can_open_dossiers(role):
                return redirect("dossier:student", student_pk=student.pk)
            return redirect("home")
    return render(
        request,
        "dossier/compliment_form.html",
        {"form": form, "student": student, "group": current_group_of(student)},
    )
