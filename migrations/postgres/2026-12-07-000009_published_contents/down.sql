DROP TABLE published_contents;
