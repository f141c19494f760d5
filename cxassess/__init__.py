"""cxassess: standards-compliance self-assessment, starting with GB/T 42509-2023."""

__version__ = "0.1.0"
