"""Helpers every area's views share."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.views.decorators.http import require_http_methods

from koers.common.versions import EditConflict

GET_POST = require_http_methods(["GET", "POST"])


def show_domain_errors(form: BaseForm, error: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a domain verb's refusal next to the field it is about (``rename`` maps domain names to form
    fields), or above the form when no field matches. An ``EditConflict`` shows the other person's values
    beside the editor's own (``VersionedFormMixin.show_conflict``)."""
    if isinstance(error, EditConflict) and hasattr(form, "show_conflict"):
        form.show_conflict(error)
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = (rename or {}).get(name, name)
        form.add_error(field if field in form.fields else None, errors)
