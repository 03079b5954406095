"""Re-checking a release: checksums and schemas, then everything the build guarantees."""
