"""What staff want to learn: each mentor, teacher or counsellor records their own wishes next to their own
conversation mirror and the school's; the leader sees them only counted per topic (the leader's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.quality.domain import learning as domain
from koers.quality.forms import LearningWishForm
from koers.quality.queries import learning as queries
from koers.quality.rules import can_wish_to_learn


def _topics() -> list[tuple[str, str]]:
    return [("", "—"), *((key, str(label)) for key, label in domain.TOPICS.items())]


@login_required
@GET_POST
def learning(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_wish_to_learn)
    form = LearningWishForm(request.POST or None, topics=_topics())
    if request.method == "POST" and form.is_valid():
        try:
            domain.wish_to_learn(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(
                request, _("Bewaard. De schoolleiding ziet alleen hoeveel collega's dit willen.")
            )
            return redirect("quality:learning")
    count, sides = queries.mirror_side_by_side(role)
    return render(
        request,
        "quality/learning.html",
        {"form": form, "wishes": queries.own_wishes(role), "count": count, "sides": sides},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def learning_remove(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_wish_to_learn)
    domain.remove_wish(by=role, wish=queries.get_own_wish_for(role, pk))
    messages.success(request, _("Weggehaald."))
    return redirect("quality:learning")
