from django.urls import path

from koers.choices.views import family, guide, modules, programmes, route, staff

app_name = "choices"
urlpatterns = [
    # the student
    path("", family.mine, name="mine"),
    path("<int:moment_pk>/kiezen/", family.choose, name="choose"),
    path("keuzemodules/", family.rank, name="rank"),
    path("status/", family.stance, name="stance"),
    path("keuzemodules/<int:pk>/dossier/", family.module_experience, name="module_experience"),
    # the guardian
    path("kind/<int:student_pk>/", family.child, name="child"),
    # confirming: mentor, counsellor, guardian
    path("keuze/<int:pk>/bevestigen/", family.confirm, name="confirm"),
    path("keuze/<int:pk>/spraakbericht/", family.voice, name="voice"),
    # mentor and counsellor
    path("overzicht/", staff.overview, name="overview"),
    path("leerling/<int:student_pk>/", staff.student, name="student"),
    path("leerling/<int:student_pk>/<int:moment_pk>/", staff.record, name="record"),
    # guide mode of a conversation (the conversation's guide page loads the panel)
    path("gesprek/<int:conversation_pk>/", guide.guide, name="guide"),
    path("gesprek/<int:conversation_pk>/keuze/<int:pk>/afspraak/", guide.agree, name="agree"),
    # the counsellor
    path("momenten/", staff.moments, name="moments"),
    path("momenten/nieuw/", staff.moment_new, name="moment_new"),
    path("momenten/<int:pk>/", staff.moment_edit, name="moment_edit"),
    path("modules/", modules.modules, name="modules"),
    path("modules/nieuw/", modules.module_new, name="module_new"),
    path("modules/<int:pk>/", modules.module_edit, name="module_edit"),
    path("indeling/", modules.allocation, name="allocation"),
    path("indeling/verdelen/", modules.allocate, name="allocate"),
    path("indeling/<int:pk>/verplaatsen/", modules.move, name="move"),
    path("indeling/<int:pk>/vastzetten/", modules.lock, name="lock"),
    path("indeling/lijsten.csv", modules.allocation_csv, name="allocation_csv"),
    path("modules/<int:pk>/lijsten.pdf", modules.module_pdf, name="module_pdf"),
    # the learning route per exam unit: the student, the mentor in a conversation, the counsellor
    path("leerroute/", route.route, name="route"),
    path("leerling/<int:student_pk>/leerroute/", route.route_record, name="route_record"),
    path("leerroutes/", programmes.route_numbers, name="route_numbers"),
    path("programmas/", programmes.programmes, name="programmes"),
    path("programmas/<int:programme_pk>/onderdeel/", programmes.unit_new, name="unit_new"),
    path("onderdelen/<int:pk>/", programmes.unit_edit, name="unit_edit"),
]
