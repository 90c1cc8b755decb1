-- Outbound calling and the CRM: campaign membership, status ranking, and db-scheduler's table.

-- Which leads a campaign calls. A lead may belong to several campaigns.
CREATE TABLE campaign_leads (
    campaign_id  BIGINT      NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lead_id      BIGINT      NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    added_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, lead_id)
);
CREATE INDEX campaign_leads_lead_idx ON campaign_leads (lead_id);

-- Call status order used by status updates so a late or repeated callback never moves a call backwards.
-- Every terminal status has the same rank: once terminal, a call never changes to another status.
CREATE FUNCTION vaani_call_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE status
               WHEN 'initiated' THEN 0
               WHEN 'ringing' THEN 1
               WHEN 'in-progress' THEN 2
               WHEN 'completed' THEN 3
               WHEN 'failed' THEN 3
               WHEN 'busy' THEN 3
               WHEN 'no-answer' THEN 3
               WHEN 'canceled' THEN 3
               ELSE -1
           END
$$;

CREATE INDEX scheduled_calls_campaign_idx ON scheduled_calls (campaign_id, lead_id, attempt DESC);

-- db-scheduler (com.github.kagkarlsson:db-scheduler 15.x) table, as in its postgresql_tables.sql.
CREATE TABLE scheduled_tasks (
    task_name             TEXT                     NOT NULL,
    task_instance         TEXT                     NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN                  NOT NULL,
    picked_by             TEXT,
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT                   NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
