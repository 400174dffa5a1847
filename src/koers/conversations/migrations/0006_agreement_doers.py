"""Agreements made in a conversation name their doer by link: the mentor who held it, the one invited
guardian, the student themself; the supervisor stays a name (dossier 0005 made everything else free text)."""

from django.db import migrations


def link_agreement_doers(apps, schema_editor):
    Agreement = apps.get_model("conversations", "Agreement")
    Action = apps.get_model("dossier", "Action")
    Conversation = apps.get_model("conversations", "Conversation")
    through = Conversation.guardians.through
    on = schema_editor.connection.alias  # the database being migrated (`migrate --database`)
    invited: dict[int, list[int]] = {}
    for conversation_id, user_id in through.objects.using(on).values_list("conversation_id", "user_id"):
        invited.setdefault(conversation_id, []).append(user_id)
    rows = Agreement.objects.using(on).values_list("action_id", "party", "conversation_id", "conversation__mentor_id")
    for action_id, party, conversation_id, mentor_id in rows.iterator():
        actions = Action.objects.using(on).filter(pk=action_id)
        if party == "student":
            actions.update(doer="self", who="")
        elif party == "mentor":
            actions.update(doer="mentor", doer_user_id=mentor_id)
        elif party == "guardian":
            guardians = invited.get(conversation_id, [])
            actions.update(doer="guardian", doer_user_id=guardians[0] if len(guardians) == 1 else None)


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0005_conversation_mentor_goal"),
        ("dossier", "0005_action_doer_links"),
    ]

    operations = [migrations.RunPython(link_agreement_doers, migrations.RunPython.noop)]
