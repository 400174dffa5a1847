from django.urls import path

from koers.transfer.views import moving, privacy

app_name = "transfer"

urlpatterns: list = [
    # --- taking the dossier along: selection, approval, PDF and JSON, import (views/moving.py) ---
    # --- requests for access, retention, the school's privacy overview (views/privacy.py) ---
]
