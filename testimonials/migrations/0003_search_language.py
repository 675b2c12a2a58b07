"""Full-text search in the story's own language: the trigger of migration 0002 built every vector
with the ``simple`` configuration, so "étudiants" never found "étudiant". Now the story's language
picks the PostgreSQL configuration (english, french, spanish, dutch; ``simple`` for Czech and
Latvian, which PostgreSQL lacks), the trigger also runs when the language changes, and the
existing vectors are rebuilt. The GIN index of 0002 stays. Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION testimonials_story_search_config(lang text) RETURNS regconfig AS $$
  SELECT (CASE lang
    WHEN 'en' THEN 'english'
    WHEN 'fr' THEN 'french'
    WHEN 'es' THEN 'spanish'
    WHEN 'nl' THEN 'dutch'
    ELSE 'simple'
  END)::regconfig
$$ LANGUAGE sql IMMUTABLE;
CREATE OR REPLACE FUNCTION testimonials_story_search_update() RETURNS trigger AS $$
DECLARE
  cfg regconfig := testimonials_story_search_config(NEW.language);
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector(cfg, coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS testimonials_story_search ON testimonials_story;
CREATE TRIGGER testimonials_story_search BEFORE INSERT OR UPDATE OF title, summary, body, language
  ON testimonials_story FOR EACH ROW EXECUTE FUNCTION testimonials_story_search_update();
UPDATE testimonials_story SET title = title;
"""

# back to the trigger of 0002: everything in the simple configuration
RESTORE = """
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
DROP FUNCTION IF EXISTS testimonials_story_search_config(text);
UPDATE testimonials_story SET title = title;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("testimonials", "0002_search_postgres")]
    operations = [migrations.RunPython(forwards, backwards)]
