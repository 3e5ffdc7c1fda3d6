"""The leader's page ("Leder"): the audit log, 'who has looked at me', midlertidig adgang, users and backups."""
