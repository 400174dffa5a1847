from django.db import migrations, models

# The emoji the shipped activity types used before pictograms, and the pictogram that replaces each. A school's
# own type with another emoji gets no pictogram; the counsellor can choose one from the list.
EMOJI_TO_PICTOGRAM = {
    "💬": "activity.individual_talk",
    "👥": "activity.group_assignment",
    "🎲": "activity.game_simulation",
    "🎤": "activity.guest_speaker",
    "🧑\u200d🔧": "activity.professional_talk",
    "🎪": "activity.careers_fair",
    "🏭": "activity.company_visit",
    "🧩": "activity.project",
    "🏫": "activity.education_fair",
    "🚪": "activity.open_day",
    "🧪": "activity.taster_lesson",
    "👀": "activity.job_shadowing",
    "🛠": "activity.internship",
    "🧭": "activity.interest_test",
    "🏠": "activity.home_assignment",
    "✨": "activity.other",
}


def name_pictograms(apps, schema_editor):
    ActivityType = apps.get_model("programme", "ActivityType")
    on = schema_editor.connection.alias  # the database being migrated (`migrate --database`)
    types = list(ActivityType.objects.using(on).all())
    for type in types:
        emoji = type.icon.replace("\ufe0f", "").strip()
        type.icon = EMOJI_TO_PICTOGRAM.get(emoji, "")
    ActivityType.objects.using(on).bulk_update(types, ["icon"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0003_guardian_answers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="activitytype",
            name="icon",
            field=models.CharField(blank=True, max_length=60, verbose_name="pictogram"),
        ),
        migrations.RunPython(name_pictograms, migrations.RunPython.noop),
    ]
