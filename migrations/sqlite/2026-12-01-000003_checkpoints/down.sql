DROP TABLE checkpoint_heads;
DROP TABLE checkpoints;
DROP TABLE checkpoint_keys;
