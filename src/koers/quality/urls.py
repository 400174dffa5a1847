from django.urls import path

from koers.quality.views import evaluations, goals, leader, leavers, scan, tasks

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
    path("evaluaties/", evaluations.overview, name="evaluations"),
    path("evaluaties/vragen/<str:audience>/", evaluations.questionnaire, name="questionnaire"),
    path("evaluaties/openen/<str:audience>/", evaluations.open_round, name="evaluation_open"),
    path("evaluaties/<int:pk>/", evaluations.results, name="evaluation_results"),
    path("evaluaties/<int:pk>/uitslag.csv", evaluations.results_csv, name="evaluation_results_csv"),
    path("evaluaties/<int:pk>/sluiten/", evaluations.close_round, name="evaluation_close"),
    path("vragenlijsten/", evaluations.mine, name="my_evaluations"),
    path("vragenlijsten/<int:pk>/", evaluations.answer, name="evaluation_answer"),
    path("oud-leerlingen/", leavers.leavers, name="leavers"),
    path("oud-leerlingen/<int:pk>/", leavers.leaver, name="leaver"),
    path("oud-leerlingen/<int:pk>/weghalen/", leavers.leaver_remove, name="leaver_remove"),
    path("oud-leerlingen/uit-keuzes/", leavers.fill, name="leavers_fill"),
    path("oud-leerlingen/importeren/", leavers.import_file, name="leavers_import"),
    path("oud-leerlingen/uitnodigen/", leavers.invite, name="leavers_invite"),
    path("oud-leerlingen/uitkomsten/", leavers.outcomes, name="leaver_outcomes"),
    path("oud-leerling/<str:token>/", leavers.answer, name="leaver_answer"),
    path("taken/", tasks.matrix, name="tasks"),
    path("taken/<int:pk>/weghalen/", tasks.remove, name="task_remove"),
]
