DROP TABLE stats_generations;
