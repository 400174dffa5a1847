from django.urls import path

from koers.transfer.views import access, moving, privacy

app_name = "transfer"

urlpatterns: list = [
    # --- taking the dossier along: selection, approval, PDF and JSON, import (views/moving.py) ---
    path("meenemen/", moving.choose, name="choose"),
    path("meenemen/<int:pk>/", moving.approve, name="approve"),
    path("meenemen/<int:pk>/pdf/", moving.export_pdf, name="pdf"),
    path("meenemen/<int:pk>/json/", moving.export_json, name="json"),
    path("inlezen/", moving.read_in, name="read_in"),
    # --- requests for access: asking, downloading, the school's list (views/access.py) ---
    path("inzage/", access.mine, name="access"),
    path("inzage/<int:pk>/zip/", access.download, name="access_download"),
    path("verzoeken/", access.school_list, name="access_requests"),
    path("verzoeken/<int:pk>/afgehandeld/", access.handled, name="access_handled"),
    # --- requests for access, retention, the school's privacy overview (views/privacy.py) ---
    path("", privacy.overview, name="privacy"),
    path("bewaren/<int:student_pk>/", privacy.keep_longer, name="keep_longer"),
    path("verwijderverslagen/<int:pk>/", privacy.report, name="removal_report"),
    path("export/leerlingen.csv", privacy.students_csv, name="students_csv"),
    path("export/inzagelog/<int:student_pk>.csv", privacy.access_log_csv, name="access_log_csv"),
    path("kind/<int:student_pk>/inzage/", privacy.guardian_access_log, name="guardian_access_log"),
]
