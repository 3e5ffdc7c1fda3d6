"""Use cases the pages and the CLI call: one use case, one transaction.

Every function that reads or writes citizen data takes the acting staff member (`actor`).
"""
