-- A lead's bedrooms hold halves: Indian listings are 1.5, 2.5 and 3.5 BHK as often as 2 or 3, and a caller who asks
-- for "ढाई बीएचके" wants 2.5. The whole numbers stored so far read the same (2 becomes 2.0).
ALTER TABLE leads DROP CONSTRAINT IF EXISTS leads_bedrooms_check;
ALTER TABLE leads ALTER COLUMN bedrooms TYPE NUMERIC(3, 1) USING bedrooms::numeric;
ALTER TABLE leads ADD CONSTRAINT leads_bedrooms_check
    CHECK (bedrooms IS NULL OR (bedrooms BETWEEN 0 AND 20 AND bedrooms * 2 = trunc(bedrooms * 2)));
