"""extend/labelstudio."""
