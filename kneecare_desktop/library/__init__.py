"""Reading and checking routine, program, check-in and hand-off files, and writing them back."""
