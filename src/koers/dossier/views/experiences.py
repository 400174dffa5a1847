"""Experiences, their evidence and reflections, and remarks on entries."""
