"""What a provider says about a person, read through the deployment's attribute names (CAS_ATTRIBUTES,
OIDC_CLAIMS), and which institution that places them in."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from xxgk.org.models import Institution


def _values(raw) -> list[str]:
    """An attribute as a list of non-empty strings (CAS releases a string or a list; OIDC a string or an array)."""
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [str(v).strip() for v in raw if v is not None and str(v).strip()]
    value = str(raw).strip()
    return [value] if value else []


@dataclass(frozen=True)
class Profile:
    provider: str
    subject: str
    name: str = ""
    email: str = ""
    institution: str = ""
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # employee_id, department_code, category, groups

    def has(self, attribute: str, value: str) -> bool:
        return value.strip() in self.values.get(attribute, ())


def names_for(provider: str) -> dict[str, str]:
    return settings.CAS_ATTRIBUTES if provider.split(":", 1)[0] == "cas" else settings.OIDC_CLAIMS


def profile_from(provider: str, subject: str, attributes: dict) -> Profile:
    names = names_for(provider)

    def read(key: str) -> list[str]:
        return _values(attributes.get(names[key])) if names.get(key) else []

    def first(key: str) -> str:
        found = read(key)
        return found[0] if found else ""

    return Profile(
        provider=provider,
        subject=subject,
        name=first("name"),
        email=first("email"),
        institution=first("institution"),
        values={key: tuple(read(key)) for key in ("employee_id", "department_code", "category", "groups")},
    )


def institution_of(profile: Profile, idp=None) -> Institution | None:
    """An institution's own provider (`idp`, an IdentityProvider) places everyone in its institution, whatever
    they claim. Otherwise the institution named by the person's institution attribute (its code or 网址标识); without one, the
    provider's own institution (CAS_INSTITUTION / OIDC_INSTITUTION); else the deployment's only institution.
    None when none of these names one: the person is signed in but placed nowhere."""
    if idp is not None:
        return idp.institution
    if profile.institution:
        key = profile.institution
        return (
            Institution.objects.filter(code__iexact=key).first() or Institution.objects.filter(slug__iexact=key).first()
        )
    slug = settings.CAS_INSTITUTION if profile.provider == "cas" else settings.OIDC_INSTITUTION
    if slug:
        return Institution.objects.filter(slug=slug).first()
    only = list(Institution.objects.all()[:2])
    return only[0] if len(only) == 1 else None
