-- A quantity property's rule for the `best` value of its estimates (issue 18 §2): `lower`,
-- `upper` or `midpoint` of the reconciled range; NULL (every property before it) gives none.
ALTER TABLE properties ADD COLUMN best TEXT;
