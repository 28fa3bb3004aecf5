-- 016 The revision of the law data the case rules read on every case load: the calendar overrides, the legal
-- configuration's versions and the offences' versions. Any change to those tables (a statement trigger, also on
-- TRUNCATE) gives a new random revision, so a revision names one content of those tables: it is never reused, not
-- after a rolled-back change and not by another database (copies of one database share it only while their law data
-- is the same). A process may keep what it read under the revision it read it at; the revision is read together
-- with the case row, so the rules never see law data older than the revision current when the case was read.
CREATE TABLE law_revision (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision  uuid NOT NULL
);
INSERT INTO law_revision (revision) VALUES (gen_random_uuid());

CREATE FUNCTION bump_law_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE law_revision SET revision = gen_random_uuid();
  RETURN NULL;
END
$$;

CREATE TRIGGER law_calendar_overrides_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON law_calendar_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION bump_law_revision();
CREATE TRIGGER law_config_versions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON law_config_versions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_law_revision();
CREATE TRIGGER law_offences_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON law_offences
  FOR EACH STATEMENT EXECUTE FUNCTION bump_law_revision();
