"""The care rules the window applies: triage of the check-in, and what to offer a person."""
