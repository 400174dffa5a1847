from django.urls import path

from koers.schooladmin.views import importing, settings

app_name = "schooladmin"

urlpatterns = [
    path("instellingen/", settings.school_settings, name="settings"),
    # --- import from the student administration (views/importing.py) ---
    path("import/", importing.start, name="import_start"),
    path("import/<int:pk>/koppelen/", importing.mapping, name="import_mapping"),
    path("import/<int:pk>/", importing.preview, name="import_preview"),
    path("import/<int:pk>/toepassen/", importing.apply, name="import_apply"),
    path("import/<int:pk>/annuleren/", importing.cancel, name="import_cancel"),
    path("import/afkortingen/", importing.staff_codes, name="staff_codes"),
    path("import/afkortingen/bestand/", importing.staff_codes_file, name="staff_codes_file"),
]
