from django.urls import path  # noqa: F401 (sections fill in)

from koers.conversations.views import closing, holding, mirror, planning  # noqa: F401 (sections fill in)

app_name = "conversations"

urlpatterns: list = [
    # --- planning: rounds, types, slots, invitations, due/overdue (views/planning.py) ---
    # --- preparing and holding: detail, preparation, guide mode, notes, tags (views/holding.py) ---
    # --- closing: agreements, evaluation, follow-up (views/closing.py) ---
    # --- mirror, printable card and report, group conversations (views/mirror.py) ---
]
