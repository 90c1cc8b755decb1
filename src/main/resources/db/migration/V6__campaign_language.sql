-- The language a campaign's calls start in: en (Indian English), hi (Hindi, spoken and written in Devanagari) or
-- hinglish (Hindi-English mix, Latin letters). The agent still follows a caller who switches. Older rows may hold
-- locale-style codes; they are mapped onto the three the agent speaks.
UPDATE campaigns SET language = CASE
    WHEN lower(language) IN ('hinglish', 'hi-latn', 'multi') THEN 'hinglish'
    WHEN lower(language) = 'hindi' OR lower(language) LIKE 'hi%' THEN 'hi'
    ELSE 'en' END
WHERE language IS NULL OR language NOT IN ('en', 'hi', 'hinglish');

ALTER TABLE campaigns
    ALTER COLUMN language SET DEFAULT 'en',
    ALTER COLUMN language SET NOT NULL,
    ADD CONSTRAINT campaigns_language_known CHECK (language IN ('en', 'hi', 'hinglish'));
