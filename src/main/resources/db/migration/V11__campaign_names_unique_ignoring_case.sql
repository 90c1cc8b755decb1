-- "Powai Launch" and "powai launch" were two campaigns, which the console and the API could not tell apart. A name is
-- now unique per company ignoring case. Campaigns that already differ only so keep their data; the oldest keeps its
-- name, each later one gets " (2)", " (3)"... the first such name no campaign of the company has, ignoring case.
DO $$
DECLARE
    twin RECORD;
    n INTEGER;
    candidate TEXT;
BEGIN
    FOR twin IN
        SELECT id, company, name FROM (
            SELECT id, company, name,
                   row_number() OVER (PARTITION BY company, lower(name) ORDER BY created_at, id) AS rank
              FROM campaigns) ranked
         WHERE rank > 1 ORDER BY id
    LOOP
        n := 2;
        LOOP
            candidate := twin.name || ' (' || n || ')';
            EXIT WHEN NOT EXISTS (SELECT 1 FROM campaigns
                                   WHERE company = twin.company AND lower(name) = lower(candidate));
            n := n + 1;
        END LOOP;
        UPDATE campaigns SET name = candidate, updated_at = now() WHERE id = twin.id;
    END LOOP;
END $$;

-- Same name as the constraint it replaces: Campaigns answers its violation with 409 on the name field.
ALTER TABLE campaigns DROP CONSTRAINT campaigns_name_per_company;
CREATE UNIQUE INDEX campaigns_name_per_company ON campaigns (company, lower(name));
