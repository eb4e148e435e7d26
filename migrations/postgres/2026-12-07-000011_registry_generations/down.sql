DROP TABLE registry_generations;
