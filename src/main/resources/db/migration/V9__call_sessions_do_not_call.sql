-- The caller asked never to be called again ("don't call me again", "दोबारा कॉल मत कीजिए"). Stored on the call, and
-- copied onto a signed lead's do_not_call in the transaction that stores the call's end.
ALTER TABLE call_sessions ADD COLUMN do_not_call_requested BOOLEAN NOT NULL DEFAULT FALSE;
