"""Extraction of timeline material (dates, events) from news text."""
