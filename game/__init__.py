"""Rapport: a training game for customer-facing employees."""

__version__ = "0.1.0"
