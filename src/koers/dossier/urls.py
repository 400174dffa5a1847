from django.urls import path

from koers.dossier.views import (
    actions,
    ambitions,
    compliments,
    experiences,
    family,
    network,
    overview,
    reflections,
    traits,
)

app_name = "dossier"

urlpatterns = [
    # The overview and the LOB-lijn (home, timeline, student, student_timeline) are composed above
    # conversations, in koers/overview/urls.py; koers/urls.py serves both lists in this namespace.
    # --- who looked, traits, compliments, ambitions, network, actions (views/: overview, traits, ...) ---
    path("inzage/", overview.access_log, name="access_log"),
    # --- who decides: hiding the dossier from 16, consent for photos and voice notes (views/family.py) ---
    path("meekijken/", family.family, name="family"),
    path("leerling/<int:student_pk>/toestemming/", family.guardian_family, name="guardian_family"),
    path("leerling/<int:student_pk>/compliment/", compliments.compliment_new, name="compliment_new"),
    path("kwaliteiten/nieuw/", traits.trait_new, name="trait_new"),
    path("kwaliteiten/<int:pk>/", traits.trait_edit, name="trait_edit"),
    path("kwaliteiten/<int:pk>/verwijderen/", traits.trait_delete, name="trait_delete"),
    path("dromen/nieuw/", ambitions.ambition_new, name="ambition_new"),
    path("dromen/<int:pk>/", ambitions.ambition, name="ambition"),
    path("dromen/<int:pk>/verwijderen/", ambitions.ambition_delete, name="ambition_delete"),
    path("dromen/<int:pk>/stappen/", ambitions.ambition_step_new, name="ambition_step_new"),
    path("stappen/<int:pk>/gedaan/", ambitions.ambition_step_toggle, name="ambition_step_toggle"),
    path("netwerk/nieuw/", network.contact_new, name="contact_new"),
    path("netwerk/<int:pk>/", network.contact_edit, name="contact_edit"),
    path("netwerk/<int:pk>/verwijderen/", network.contact_delete, name="contact_delete"),
    path("netwerk/<int:pk>/contact/", network.contact_toggle, name="contact_toggle"),
    path("acties/nieuw/", actions.action_new, name="action_new"),
    path("acties/<int:pk>/", actions.action_detail, name="action"),
    path("acties/<int:pk>/bewerken/", actions.action_edit, name="action_edit"),
    path("acties/<int:pk>/status/", actions.action_status, name="action_status"),
    path("delen/", overview.share_toggle, name="share_toggle"),
    # --- experiences, evidence, reflections, remarks (views/experiences.py) ---
    path("ervaringen/nieuw/", experiences.experience_new, name="experience_new"),
    path("ervaringen/<int:pk>/", experiences.experience_detail_view, name="experience"),
    path("ervaringen/<int:pk>/bewerken/", experiences.experience_edit, name="experience_edit"),
    path("ervaringen/<int:pk>/verwijderen/", experiences.experience_delete, name="experience_delete"),
    path("ervaringen/<int:pk>/bewijs/", experiences.evidence_new, name="evidence_new"),
    path("ervaringen/<int:pk>/reflectie/<slug:competence>/", reflections.reflection, name="reflection"),
    path(
        "ervaringen/<int:pk>/kwaliteit/", reflections.quality_from_reflection, name="quality_from_reflection"
    ),
    path("bewijs/<int:pk>/", experiences.evidence_file, name="evidence_file"),
    path("bewijs/<int:pk>/verwijderen/", experiences.evidence_delete, name="evidence_delete"),
    path("spraak/<int:pk>/", reflections.voice_file, name="voice_file"),
    path("opmerkingen/nieuw/", experiences.remark_new, name="remark_new"),
]
