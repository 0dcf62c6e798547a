"""The editor room of the window (see docs/ARCHITECTURE.md)."""
