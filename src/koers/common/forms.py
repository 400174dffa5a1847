"""Form helpers shared by every area: accessible errors next to the field, Dutch messages."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.common.versions import EditConflict


class AccessibleFormMixin:
    """Marks invalid widgets with aria-invalid and points them at their error and help texts."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            bound = self[name]  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-help")
            if name in self.errors:  # type: ignore[attr-defined]
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{bound.auto_id}-error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class VersionedFormMixin:
    """An edit form that carries the version of the stored values it started from (``common.versions``).

    The page passes ``version=`` (``version_of_instance``) to the unbound form; ``form_errors.html`` writes
    it as a hidden input; a bound form reads it back as ``started_from`` (``None`` when the post has none,
    so the save is not checked). ``show_conflict`` keeps everything the editor typed, lists the other
    person's values beside it (``theirs``: label and text of each field that differs) and moves the version
    on to theirs, so saving again is a deliberate choice."""

    conflict_message: Any = (
        None  # a page for guardians says "u" (a lazy text); None: the message of the conflict
    )

    def __init__(self, *args: Any, version: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.theirs: list[tuple[str, str]] = []
        if self.is_bound:  # type: ignore[attr-defined]
            self.started_from: str | None = self.data.get("version") or None  # type: ignore[attr-defined]
        else:
            self.started_from = version or None

    def show_conflict(self, conflict: EditConflict) -> None:
        self.started_from = conflict.version or None
        self.add_error(None, self.conflict_message or conflict.messages[0])  # type: ignore[attr-defined]
        for name, value in (conflict.theirs or {}).items():
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None:
                continue
            if isinstance(value, bool) or self._raw(value) != self._posted(name, value):
                self.theirs.append((str(field.label or name), self._shown(field, value)))

    def _posted(self, name: str, value: Any) -> Any:
        data = self.data  # type: ignore[attr-defined]
        if isinstance(value, list | tuple):
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return data.get(name, "")

    @staticmethod
    def _raw(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value)

    @staticmethod
    def _shown(field: forms.Field, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list | tuple):
            return ", ".join(VersionedFormMixin._shown(field, item) for item in value)
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if isinstance(value, dt.date):
            return date_format(value, "j F Y")
        if isinstance(field, forms.ModelChoiceField):
            found = field.queryset.filter(pk=value).first() if field.queryset is not None else None
            return field.label_from_instance(found) if found is not None else "—"
        if isinstance(field, forms.ChoiceField):
            choices: Any = field.choices  # a list of pairs once the form is built
            labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
            return str(labels.get(str(value), value))
        return str(value)


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
