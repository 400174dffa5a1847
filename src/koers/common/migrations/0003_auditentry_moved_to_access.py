"""The audit log now belongs to ``access`` (see ``access/migrations/0001_initial.py``): ``common`` forgets the
model, and its table, which ``access`` took over as it was, is left alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_initial"),
        ("access", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
