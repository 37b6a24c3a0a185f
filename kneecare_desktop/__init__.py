"""KneeCare Desktop: guided knee-care routines for runners with pain behind the knee."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kneecare-desktop")
except PackageNotFoundError:  # running from a clone without installing
    __version__ = "0.1.0"
