"""The session engine: a cursor over a plan driven by an injectable monotonic clock, its events and
its outcome.
"""
