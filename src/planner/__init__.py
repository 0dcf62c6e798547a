"""Planner: seminars and roundtables for policy institutes, the attribution rule on every output."""

__version__ = "0.1.0"
