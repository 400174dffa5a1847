from django.urls import path

from koers.conversations.views import closing, holding, mirror, planning

app_name = "conversations"

urlpatterns: list = [
    # --- planning: rounds, types, slots, invitations, due/overdue (views/planning.py) ---
    path("mentor/", planning.mentor, name="mentor"),
    path("mentor/agenda.ics", planning.mentor_calendar, name="mentor_ics"),
    path("mijn/", planning.mine, name="mine"),
    path("plannen/", planning.plan, name="plan"),
    path("<int:pk>/verzetten/", planning.reschedule, name="reschedule"),
    path("<int:pk>/annuleren/", planning.cancel, name="cancel"),
    path("<int:pk>/agenda.ics", planning.ics, name="ics"),
    path("rondes/", planning.rounds, name="rounds"),
    path("rondes/nieuw/", planning.round_new, name="round_new"),
    path("rondes/<int:pk>/", planning.round_edit, name="round_edit"),
    path("typen/", planning.types, name="types"),
    path("typen/nieuw/", planning.type_new, name="type_new"),
    path("typen/<int:pk>/", planning.type_edit, name="type_edit"),
    # --- preparing and holding: detail, preparation, guide mode, notes, tags (views/holding.py) ---
    path("<int:pk>/", holding.detail, name="detail"),
    path("<int:pk>/voorbereiden/", holding.prepare, name="prepare"),
    path("<int:pk>/mijn-doel/", holding.mentor_goal, name="mentor_goal"),
    path("<int:pk>/leidraad/", holding.guide, name="guide"),
    path("<int:pk>/leerling-leidt/", holding.chair, name="chair"),
    path("<int:pk>/aantekening/", holding.autosave, name="autosave"),
    path("<int:pk>/eigen-notitie/", holding.private_note, name="private_note"),
    path("<int:pk>/label/", holding.tag, name="tag"),
    path("label/<int:pk>/weghalen/", holding.tag_delete, name="tag_delete"),
    path("voorbereiding/<int:pk>/spraakbericht/", holding.preparation_voice, name="preparation_voice"),
    # --- closing: agreements, evaluation, follow-up (views/closing.py) ---
    path("<int:pk>/afronden/", closing.close, name="close"),
    path("<int:pk>/afgerond/", closing.reflect, name="reflect"),
    path("<int:pk>/beoordelen/", closing.evaluate, name="evaluate"),
    # --- mirror, printable card and report, group conversations (views/mirror.py) ---
    path("spiegel/", mirror.own_mirror, name="mirror"),
    path("spiegel/school/", mirror.school_mirror_page, name="mirror_school"),
    path("typen/<int:pk>/gesprekskaart.pdf", mirror.card_pdf, name="card_pdf"),
    path("<int:pk>/verslag.pdf", mirror.report_pdf, name="report_pdf"),
    path("<int:pk>/groepsgesprek/", mirror.group_record, name="group_record"),
]
