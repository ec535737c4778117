"""xxgk — 高校信息公开平台.

The package root imports nothing from Django so that the pure libraries
(`xxgk.screening`, `xxgk.workdays`, `xxgk.reportcheck`) stay usable alone.
"""

__version__ = "0.1.0"
