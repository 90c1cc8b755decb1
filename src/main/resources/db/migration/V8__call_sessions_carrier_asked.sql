-- When the reconciler asked Exotel's call-details API for a call whose terminal status callback had not come a minute
-- after its media leg ended (a callback lost while no instance listened): asked once, by one instance.
ALTER TABLE call_sessions ADD COLUMN carrier_asked_at TIMESTAMPTZ;
