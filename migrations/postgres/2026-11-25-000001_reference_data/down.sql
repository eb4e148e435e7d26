DROP TABLE manual_method_aliases;
DROP TABLE manual_methods;
DROP TABLE units;
DROP TABLE region_municipalities;
DROP TABLE regions;
DROP TABLE municipalities;
DROP TABLE counties;
