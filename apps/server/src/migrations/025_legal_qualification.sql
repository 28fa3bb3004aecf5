-- 法律职业资格 on the officer's record (处罚法 Art. 58: a first-time 法制审核 reviewer holds the national legal
-- professional qualification). The 法制审核 step reads it from here instead of trusting the reviewer's own tick box.
-- Existing officers start without it; the administrator records it on the staff page. A column with a constant
-- default rewrites no rows on either engine (PostgreSQL 11+).
ALTER TABLE officers ADD COLUMN legal_qualification boolean NOT NULL DEFAULT false;
