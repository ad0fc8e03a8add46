"""Code generation targets: one folder per language, each shaped the same."""
