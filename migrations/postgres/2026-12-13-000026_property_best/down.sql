ALTER TABLE properties DROP COLUMN best;
