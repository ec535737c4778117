"""What workcalendar announces to the apps that store deadlines (they connect in their AppConfig.ready()).

``calendar_changed`` is sent inside the transaction of every change to the calendar (an override set or
removed, a year's arrangement entered or removed, an institution's closure added or removed, and
``xxgk recompute-deadlines`` after the calendar package is upgraded) with:

- ``actor``: who changed it (None for the command);
- ``institution``: the one institution whose calendar changed (a closure), or None for the whole deployment;
- ``reason``: a short Chinese description for the events the receivers write;
- ``calendar_for``: a function institution → xxgk.workdays.Calendar, the calendar as it now is.

A receiver recomputes every open deadline it stores, writes an event on each object it moves and returns
(label, the objects moved); one that fails undoes the change.
"""

from django.dispatch import Signal

calendar_changed = Signal()
