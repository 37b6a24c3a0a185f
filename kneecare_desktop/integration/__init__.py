"""The desktop around the app: the launcher and its icons, and starting at login. No Qt."""
