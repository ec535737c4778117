"""The real services the suite talks to when they answer (the machines run them; CI may not)."""

from __future__ import annotations

import socket

REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    """Whether a Redis server answers PING at 127.0.0.1:6379."""
    try:
        with socket.create_connection(REDIS, timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False
