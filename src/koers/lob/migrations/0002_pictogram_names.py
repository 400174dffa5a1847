from django.db import migrations, models


def name_pictograms(apps, schema_editor):
    """Catalogue traits stored an emoji; they now store the name of their pictogram, "<kind>.<key>"."""
    Trait = apps.get_model("lob", "Trait")
    on = schema_editor.connection.alias  # the database being migrated (`migrate --database`)
    traits = list(Trait.objects.using(on).all())
    for trait in traits:
        trait.icon = f"{trait.kind}.{trait.key}"
    Trait.objects.using(on).bulk_update(traits, ["icon"])


class Migration(migrations.Migration):
    dependencies = [
        ("lob", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="trait",
            name="icon",
            field=models.CharField(max_length=60, verbose_name="pictogram"),
        ),
        migrations.RunPython(name_pictograms, migrations.RunPython.noop),
    ]
