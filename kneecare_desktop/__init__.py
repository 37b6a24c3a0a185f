"""KneeCare Desktop: guided knee-care routines for runners with pain behind the knee."""

# The one place the version is written; pyproject.toml reads it from here.
__version__ = "0.1.0"
