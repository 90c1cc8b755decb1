-- Why the dialer paused a campaign by itself: Exotel refused the account (bad API key or token, no balance or a plan
-- limit, a suspended account, a wrong account SID). Every instance reads it here, the console and the API show it, and
-- starting the campaign again (or pausing, stopping) clears it. NULL for a campaign an operator paused.
ALTER TABLE campaigns ADD COLUMN paused_reason TEXT;

-- Calls of an erased lead whose copies in Redis (live session, placement context, record outbox) must still be
-- deleted: written in the erasing transaction, deleted once Redis has answered (crm.ErasedCallPurge), so a Redis that
-- was down at the erasure does not keep the person's number and words for the session's hour. Nothing personal here.
CREATE TABLE redis_purges (
    call_sid         TEXT        PRIMARY KEY,
    queued_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    first_purged_at  TIMESTAMPTZ
);
