DROP TABLE relations;
