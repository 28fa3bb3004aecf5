-- 022 E12: a case reads, with its offence's versions, the verification marks of the provisions they link to (a decision
-- on a provision marked U needs a legal reviewer's confirmation). A change of a provision must therefore give a new law
-- revision too, as a change of an offence does (016), so no process keeps a mark it read before.
CREATE TRIGGER law_provisions_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON law_provisions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_law_revision();
