DROP TABLE revisions;
DROP FUNCTION revisions_refuse_change();
DROP TABLE claim_tags;
DROP TABLE citations;
DROP TABLE claims;
DROP TABLE properties;
DROP TABLE entities;
DROP TABLE sources;
