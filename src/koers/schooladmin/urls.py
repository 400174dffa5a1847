from django.urls import path

from koers.schooladmin.views import importing, settings, tokens

app_name = "schooladmin"

urlpatterns = [
    path("instellingen/", settings.school_settings, name="settings"),
    # --- import from the student administration (views/importing.py) ---
    path("import/", importing.start, name="import_start"),
    path("import/<int:pk>/koppelen/", importing.mapping, name="import_mapping"),
    path("import/<int:pk>/", importing.preview, name="import_preview"),
    path("import/<int:pk>/toepassen/", importing.apply, name="import_apply"),
    path("import/<int:pk>/annuleren/", importing.cancel, name="import_cancel"),
    path("import/alle/", importing.run_list, name="import_runs"),
    path("import/afkortingen/", importing.staff_codes, name="staff_codes"),
    path("import/afkortingen/bestand/", importing.staff_codes_file, name="staff_codes_file"),
    # --- import keys and the upload with a key (views/tokens.py) ---
    path("import/sleutels/", tokens.token_list, name="import_tokens"),
    path("import/sleutels/<int:pk>/intrekken/", tokens.token_revoke, name="import_token_revoke"),
    path("import/upload/", tokens.upload, name="import_upload"),
]
