DROP INDEX sources_url;
DROP TABLE external_reviews;
