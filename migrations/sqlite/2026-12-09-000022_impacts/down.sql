DROP INDEX citations_source_check;
DROP TABLE review_decisions;
DROP TABLE impacts;
