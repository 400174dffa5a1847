"""The audit log moves from ``common`` to ``access`` without touching its rows.

Only Django's idea of which app owns the model changes here (state); the table ``common_auditentry`` stays as
it is, so every existing row is kept. ``0002`` then gives the table its new name, and
``common/0003`` forgets the model on the ``common`` side.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("common", "0002_initial"),
        ("schools", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "actor_role",
                            models.CharField(
                                choices=[
                                    ("student", "leerling"),
                                    ("mentor", "mentor"),
                                    ("counsellor", "decaan"),
                                    ("teacher", "docent"),
                                    ("guardian", "ouder/verzorger"),
                                    ("leader", "schoolleider"),
                                    ("admin", "beheerder"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("view", "bekeken"),
                                    ("print", "afgedrukt"),
                                    ("export", "geëxporteerd"),
                                    ("download", "bestand geopend"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("subject", models.CharField(blank=True, max_length=200)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "actor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "school",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="schools.school",
                            ),
                        ),
                        (
                            "student",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="audit_entries",
                                to="schools.student",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "inzage",
                        "verbose_name_plural": "inzages",
                        "ordering": ["-at"],
                        "db_table": "common_auditentry",
                        "indexes": [
                            models.Index(fields=["student", "-at"], name="common_audi_student_61f136_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
