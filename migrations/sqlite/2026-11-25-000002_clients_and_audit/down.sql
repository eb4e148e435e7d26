DROP TABLE audit_events;
DROP TABLE api_client_municipalities;
DROP TABLE api_client_units;
DROP TABLE api_clients;
