"""The ``kneecare`` command: its grammar, then each command's module, imported only when it runs."""
