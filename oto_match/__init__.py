"""OTO Match: the Opgang til Opgang team's job-matching and employer-relationship tool."""

__version__ = "0.1.0"
