DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE api_client_municipalities;
DROP TABLE api_client_units;
DROP TABLE api_clients;
