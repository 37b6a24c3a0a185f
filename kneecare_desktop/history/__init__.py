"""The durable history: records, the SQLite schema and its migrations, the store, its writer
thread, figures and exports.
"""
