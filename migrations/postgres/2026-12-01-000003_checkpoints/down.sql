DROP TABLE checkpoint_heads;
DROP TABLE checkpoints;
DROP TABLE checkpoint_keys;
DROP FUNCTION checkpoints_refuse_change();
