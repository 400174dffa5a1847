from django.urls import path

from koers.programme.views import assignments, guardian, line, planning

app_name = "programme"

urlpatterns: list = [
    # --- planning: activity types, the year programme, copying forward, coverage (views/planning.py) ---
    path("", planning.planner, name="planner"),
    path("activiteit/nieuw/", planning.activity_new, name="activity_new"),
    path("activiteit/<int:pk>/wijzigen/", planning.activity_edit, name="activity_edit"),
    path("activiteit/<int:pk>/weghalen/", planning.activity_remove, name="activity_remove"),
    path("overnemen/", planning.copy_forward, name="copy_forward"),
    path("soorten/", planning.activity_types, name="activity_types"),
    path("soorten/nieuw/", planning.activity_type_new, name="activity_type_new"),
    path("soorten/<int:pk>/", planning.activity_type_edit, name="activity_type_edit"),
    path("dekking/", planning.coverage, name="coverage"),
    # --- the LOB-lijn, the poster, participation, per-student coverage (views/line.py) ---
    path("lijn/", line.line, name="line"),
    path("lijn/poster.pdf", line.poster, name="poster"),
    path("mijn-lijn/", line.mine, name="mine"),
    path("leerling/<int:student_pk>/lijn/", line.student, name="student_line"),
    path("activiteit/<int:pk>/deelname/", line.participation, name="participation"),
    path("activiteit/<int:pk>/nuttig/", line.useful, name="useful"),
    path("deelname/", line.to_register, name="to_register"),
    path("leerlingen/dekking/", line.gaps, name="gaps"),
    # --- the assignment bank, giving assignments, students' work (views/assignments.py) ---
    path("opdrachtenbank/", assignments.bank, name="bank"),
    path("opdrachtenbank/nieuw/", assignments.assignment_new, name="assignment_new"),
    path("opdrachtenbank/<int:pk>/", assignments.assignment_detail, name="assignment"),
    path("opdrachtenbank/<int:pk>/aanpassen/", assignments.assignment_edit, name="assignment_edit"),
    path("opdrachtenbank/<int:pk>/archiveren/", assignments.assignment_archive, name="assignment_archive"),
    path("opdrachtenbank/<int:pk>/geven/", assignments.give, name="give"),
    path("gegeven-opdrachten/", assignments.given_list, name="given_list"),
    path("gegeven-opdrachten/<int:pk>/", assignments.given_detail, name="given"),
    path("opdrachten/", assignments.mine, name="my_assignments"),
    path("opdrachten/<int:pk>/", assignments.work, name="work"),
    path("opdrachten/<int:pk>/foto/<int:index>/", assignments.work_photo, name="work_photo"),
    path("opdrachten/<int:pk>/spraakbericht/", assignments.work_voice, name="work_voice"),
    # --- guardians' own answers to home assignments (views/guardian.py) ---
    path("ouder/<int:student_pk>/opdracht/<int:pk>/", guardian.answer, name="guardian_answer"),
    path("ouder/antwoord/<int:pk>/spraakbericht/", guardian.answer_voice, name="guardian_answer_voice"),
]
