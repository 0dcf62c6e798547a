"""Planner: seminars and roundtables for policy institutes, with the attribution rule on every output."""

__version__ = "0.1.0"
