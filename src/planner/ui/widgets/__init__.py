"""The widgets room of the window (see docs/ARCHITECTURE.md)."""
