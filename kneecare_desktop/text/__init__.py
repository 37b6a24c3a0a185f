"""Texts and language: the core's messages and phrases, how durations and names are written, which
language to use.
"""
