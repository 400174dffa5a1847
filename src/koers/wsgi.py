import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
# A WSGI server is production: without KOERS_SECRET_KEY (or KOERS_DEBUG=1) the settings refuse to load.
os.environ.setdefault("KOERS_ENTRY_POINT", "wsgi.py")
application = get_wsgi_application()
