"""Stage 4, output: atomic writing, formatting with black where needed, result caches and drift checks."""
