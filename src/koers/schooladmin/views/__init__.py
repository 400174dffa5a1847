"""Views of the schools area: settings (settings.py) and the import (importing.py)."""
