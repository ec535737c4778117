import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

from xxgk.core.checks import refuse_unsafe_start  # noqa: E402  (reads the settings named above)

# fail closed: no server without a SECRET_KEY, nor with ALLOWED_HOSTS=* and no XXGK_SITE_URL (DEBUG off)
refuse_unsafe_start(server=True)
application = get_wsgi_application()
