"""The version of skill-analyzer."""

__version__ = "0.1.0"
