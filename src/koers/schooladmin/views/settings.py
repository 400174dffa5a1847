from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.access.gate import permit
from koers.common.versions import EditConflict, version_of_instance
from koers.schooladmin.domain import SETTINGS_FIELDS, update_school_settings
from koers.schooladmin.forms.settings import SchoolSettingsForm
from koers.schooladmin.rules import can_change_school_settings


@login_required
@require_http_methods(["GET", "POST"])
def school_settings(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_change_school_settings)
    school = role.school
    initial = {
        "inactive_after_weeks": school.inactive_after_weeks,
        "registration_days_after": school.registration_days_after,
        "shared_by_default": [k for k, shared in school.guardian_sharing_defaults.items() if shared],
    }
    form = SchoolSettingsForm(
        request.POST or None, initial=initial, version=version_of_instance(school, SETTINGS_FIELDS)
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_school_settings(
                school=school,
                by=role,
                inactive_after_weeks=form.cleaned_data["inactive_after_weeks"],
                shared_by_default=set(form.cleaned_data["shared_by_default"]),
                registration_days_after=form.cleaned_data["registration_days_after"],
                version=form.started_from,
            )
        except EditConflict as conflict:
            form.show_conflict(_as_form_fields(conflict))
        else:
            messages.success(request, _("De instellingen zijn bewaard."))
            return redirect("schooladmin:settings")
    return render(request, "schooladmin/settings.html", {"form": form, "school": school})


def _as_form_fields(conflict: EditConflict) -> EditConflict:
    """The stored sharing defaults as the form's list of kinds, so the other admin's choice is shown too."""
    if conflict.theirs is not None:
        defaults = conflict.theirs.pop("guardian_sharing_defaults", None) or {}
        conflict.theirs["shared_by_default"] = [kind for kind, shared in defaults.items() if shared]
    return conflict
