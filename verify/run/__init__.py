"""Running checks: one dossier top to bottom (``pipeline``) and many in a batch."""
