"""What org announces to the apps that keep data per institution (they connect in their AppConfig.ready())."""

from django.dispatch import Signal

# Sent inside create_institution's transaction with `institution`: a receiver that fails undoes the creation.
institution_created = Signal()
