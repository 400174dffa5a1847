from django.urls import path

from koers.programme.views import assignments, line, planning

app_name = "programme"

urlpatterns: list = [
    # --- planning: activity types, the year programme, copying forward, coverage (views/planning.py) ---
    # --- the LOB-lijn, the poster, participation, per-student coverage (views/line.py) ---
    # --- the assignment bank, giving assignments, students' work (views/assignments.py) ---
]
