"""Static files in production: compressed, named by a hash of their content, cached for a year (whitenoise).

`koers web` collects them before it starts. A process that renders pages without collected files (a
management command, a test of the production settings) gets the plain names instead of an error.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class KoersStaticFiles(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected (yet): the plain name still works with finders or a later collect
            return name
