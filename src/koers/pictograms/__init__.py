"""Koers's pictograms: one drawing per meaning, the same on every device and in every PDF.

``catalogue.py`` names them, ``drawings.py`` reads and cleans the SVG files and builds the sprite the pages
use, ``render.py`` writes a pictogram into HTML or into another SVG drawing, and ``{% pictogram %}``
(templatetags/pictograms.py) is how a template shows one.
"""
