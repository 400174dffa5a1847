from django.urls import path

from koers.quality.views import goals, leader, scan

app_name = "quality"
urlpatterns = [
    path("", leader.leader, name="leader"),
    path("zelfscan/", scan.home, name="scan"),
    path("zelfscan/stellingen/", scan.items, name="scan_items"),
    path("zelfscan/stellingen/<int:pk>/", scan.item_edit, name="scan_item"),
    path("zelfscan/<int:pk>/invullen/", scan.answer, name="scan_answer"),
    path("zelfscan/<int:pk>/sluiten/", scan.close, name="scan_close"),
    path("zelfscan/<int:pk>/", scan.results, name="scan_results"),
    path("zelfscan/<int:pk>/uitslag.csv", scan.results_csv, name="scan_results_csv"),
    path("doelen/", goals.goals, name="goals"),
    path("doelen/nieuw/", goals.goal_new, name="goal_new"),
    path("doelen/<int:pk>/", goals.goal, name="goal"),
]
