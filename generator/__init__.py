"""timeline: publish source-backed timelines as a static website."""

__version__ = "0.1.0"
