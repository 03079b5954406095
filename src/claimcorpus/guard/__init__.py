"""Untrusted input: size and nesting limits, safe JSON reading, names that never become paths."""
