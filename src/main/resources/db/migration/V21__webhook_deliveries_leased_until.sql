-- Until when an attempt of a delivery is being made (the claim's lease): a replay meanwhile would send the event a
-- second time at once, so it is refused until the attempt ends or its lease runs out (an instance died making it).
ALTER TABLE webhook_deliveries ADD COLUMN leased_until TIMESTAMPTZ;
