"""Stage 1, source: reading spec files (YAML/JSON), positions, JSON pointers, limits and the parse cache."""
