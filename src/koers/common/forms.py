"""Form helpers shared by every area: accessible errors next to the field, Dutch messages."""

from typing import Any

from django import forms


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


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
