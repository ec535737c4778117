"""django-cas-server's authentication class for the test CAS server: the directory's people."""

from __future__ import annotations

from cas_server.auth import AuthUser

from tests.accounts.servers.directory import person


class DirectoryUser(AuthUser):
    def test_password(self, password):
        found = person(self.username)
        return bool(found) and found["password"] == password

    def attributs(self):
        found = person(self.username)
        return dict(found["attributes"]) if found else {}
