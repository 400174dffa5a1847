"""The audit log's table and index take the ``access`` names (a rename: rows stay), and the content type that
named the model under ``common`` is moved along, so nothing that pointed at it is left dangling."""

from django.db import migrations


def move_content_type(apps, schema_editor, source="common", target="access"):
    # On the database being migrated (``migrate --database``), not always the default one.
    types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    if types.filter(app_label=target, model="auditentry").exists():
        return
    types.filter(app_label=source, model="auditentry").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="access", target="common")


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0001_initial"),
        ("common", "0003_auditentry_moved_to_access"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="auditentry",
            new_name="access_audi_student_751710_idx",
            old_name="common_audi_student_61f136_idx",
        ),
        migrations.AlterModelTable(name="auditentry", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
