from django.urls import path

from koers.partners.views import internship, matching, presentations, register, student, supervisor

app_name = "partners"

urlpatterns: list = [
    # --- the register: partners, contact people, contact moments, places (views/register.py) ---
    path("netwerk/", register.register, name="register"),
    path("netwerk/nieuw/", register.partner_new, name="partner_new"),
    path("netwerk/<int:pk>/", register.partner, name="partner"),
    path("netwerk/<int:pk>/wijzigen/", register.partner_edit, name="partner_edit"),
    path("netwerk/<int:pk>/contactpersoon/", register.person_new, name="person_new"),
    path("netwerk/contactpersoon/<int:pk>/weghalen/", register.person_remove, name="person_remove"),
    path("netwerk/<int:pk>/contactmoment/", register.moment_new, name="moment_new"),
    path("netwerk/<int:pk>/stageplaats/", register.place_new, name="place_new"),
    path("stageplaats/<int:pk>/", register.place_edit, name="place_edit"),
    # --- matching students to places (views/matching.py) ---
    path("stages/", matching.overview, name="matching"),
    path("stages/groep/<int:pk>/", matching.group, name="group"),
    path("stages/groep/<int:pk>/voorstel/", matching.propose, name="propose"),
    path("stages/groep/<int:pk>/toewijzen/", matching.assign, name="assign"),
    path("stages/groep/<int:pk>/goedkeuren/", matching.approve, name="approve"),
    # --- the class presentations after the internships (views/presentations.py) ---
    path("stages/groep/<int:pk>/presentaties/", presentations.sessions, name="sessions"),
    path("stages/presentaties/<int:pk>/", presentations.session, name="session"),
    # --- the student's own (views/student.py) ---
    path("stage/", student.mine, name="mine"),
    path("stage/kiezen/", student.choose, name="choose"),
    path("stage/<int:pk>/logboek/", student.log_day, name="log_day"),
    path("stage/<int:pk>/terugblik/", student.reflect, name="reflect"),
    # --- one internship (views/internship.py) ---
    path("stage/<int:pk>/", internship.detail, name="internship"),
    path("stage/logboek/<int:pk>/foto/", internship.log_photo, name="log_photo"),
    path("stage/<int:pk>/overeenkomst.pdf", internship.agreement, name="agreement"),
    path("stage/<int:pk>/akkoord/", internship.signature, name="signature"),
    path("stage/<int:pk>/bezoek/", internship.visit, name="visit"),
    path("stage/<int:pk>/presentatie/", internship.presentation, name="presentation"),
    path("stage/<int:pk>/intrekken/", internship.withdraw, name="withdraw"),
    path("stage/<int:pk>/link/", internship.make_link, name="make_link"),
    path("stage/link/<int:pk>/intrekken/", internship.revoke_link, name="revoke_link"),
    path("stage/wens/<int:pk>/spraakbericht/", internship.wish_voice, name="wish_voice"),
    # --- the workplace supervisor's personal link, no account (views/supervisor.py) ---
    path("praktijk/<str:token>/", supervisor.supervisor, name="supervisor"),
]
