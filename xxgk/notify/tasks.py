"""notify's kinds of job (`notify.deliver`, in services) and the office told of a failed job."""

from xxgk.notify import services  # noqa: F401
