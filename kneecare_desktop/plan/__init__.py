"""The compiler: a routine or program and a person's adjustments become one flat timeline."""
