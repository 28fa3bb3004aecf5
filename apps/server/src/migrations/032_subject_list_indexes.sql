-- The registry list's filters at city scale: the records not graded yet (their licence state is computed at read
-- time, the others read the kept one through subjects_licence_state_idx), and the risk level in the list's order.
CREATE INDEX subjects_ungraded_idx ON subjects (id) WHERE licence_state IS NULL AND status = 'active';
CREATE INDEX subjects_risk_level_idx ON subjects (risk_level, id) WHERE status = 'active';
