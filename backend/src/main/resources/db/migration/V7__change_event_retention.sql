-- The live layer prunes the event log past its retention period (hub.live.retention).
GRANT DELETE ON change_event TO ${appRole};
CREATE INDEX change_event_at ON change_event (at);
