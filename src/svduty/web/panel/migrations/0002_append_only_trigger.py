"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the panel's audit tables."""

from django.db import migrations

TABLES = ("panel_accesslogentry", "panel_deletionrecord")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION svduty_panel_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'the panel audit tables are append-only (% on %)', TG_OP, TG_TABLE_NAME;
        END;
        $$ LANGUAGE plpgsql;
        """,
        params=None,  # the % signs are plpgsql's, not query placeholders
    )
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION svduty_panel_append_only();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS svduty_panel_append_only();")


class Migration(migrations.Migration):
    dependencies = [("panel", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
