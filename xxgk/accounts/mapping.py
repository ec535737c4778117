"""The roles an institution's mapping rules give a person (applied at each sign-in by services.sign_in)."""

from __future__ import annotations

from xxgk.accounts.identity import Profile
from xxgk.org.models import Role


def wanted_roles(rules, profile: Profile) -> set[tuple[str, object]]:
    """Pairs of role and department (None for a role held for the institution) from the rules that match.

    A rule with a department and no role places the person in that department; a rule with a role and a
    department gives that role there; a rule with a role and no department gives it in every department
    the person is placed in (办公室管理员: for the institution)."""
    matched = [r for r in rules if profile.has(r.attribute, r.value)]
    placed = {r.department for r in matched if r.department_id and not r.role}
    wanted: set[tuple[str, object]] = set()
    for rule in matched:
        if not rule.role or rule.role == Role.SUPERVISOR:
            continue
        if rule.role == Role.OFFICE_ADMIN:
            wanted.add((Role.OFFICE_ADMIN, None))
        elif rule.department_id:
            wanted.add((rule.role, rule.department))
        else:
            wanted.update((rule.role, department) for department in placed)
    return wanted
