"""Full-text search on PostgreSQL: a trigger keeps Story.search_vector current, a GIN index serves it.

A trigger rather than application code, so every write (services, admin, demo data, bulk loads)
keeps the vector right. On other databases this migration does nothing and search falls back to a
substring match.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION testimonials_story_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS testimonials_story_search ON testimonials_story;
CREATE TRIGGER testimonials_story_search BEFORE INSERT OR UPDATE OF title, summary, body
  ON testimonials_story FOR EACH ROW EXECUTE FUNCTION testimonials_story_search_update();
CREATE INDEX IF NOT EXISTS testimonials_story_search_gin ON testimonials_story USING gin (search_vector);
UPDATE testimonials_story SET title = title;
"""

DROP = """
DROP INDEX IF EXISTS testimonials_story_search_gin;
DROP TRIGGER IF EXISTS testimonials_story_search ON testimonials_story;
DROP FUNCTION IF EXISTS testimonials_story_search_update();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("testimonials", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
