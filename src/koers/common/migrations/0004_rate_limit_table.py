"""The table of the rate-limit counters when Koers runs without Redis (``koers.common.ratelimit``): Django's
database cache table, made here so that ``migrate`` alone prepares a server. With Redis it stays empty."""

from django.core.management import call_command
from django.db import migrations

TABLE = "koers_rate_limits"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("common", "0003_auditentry_moved_to_access")]

    operations = [migrations.RunPython(create_table, drop_table)]
