"""Presentation of results: terminal tables, questionnaires, HTML and PDF reports."""
