"""Registers the xxgk under test as a CAS service: any loopback URL, every attribute released, single logout."""

import django

django.setup()

from cas_server.models import ReplaceAttributName, ServicePattern  # noqa: E402

pattern = ServicePattern.objects.create(
    pos=0, name="xxgk", pattern=r"^http://(127\.0\.0\.1|localhost):\d+/.*", single_log_out=True
)
ReplaceAttributName.objects.create(name="*", service_pattern=pattern)
