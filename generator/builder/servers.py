"""The spec's `servers` and security scheme -> IR (`IR.servers`, `IR.auth`).

A server URL's `{variables}` take their `default`s. The auth scheme is the
first one the top-level `security` requires, else the first declared scheme:
an HTTP `bearer` scheme (and oauth2/openIdConnect, whose tokens are bearer
tokens) sends `Authorization: Bearer <key>`; an `apiKey` scheme sends the key
in its header (a valid header name) or query parameter. Other schemes (basic,
cookie) give no auth.
"""

from __future__ import annotations

import re
from typing import Any

from ..ir import Auth

_VARIABLE = re.compile(r"\{([^{}]*)\}")
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP header name (RFC 9110)


def build_servers(data: dict[str, Any]) -> list[str]:
    servers = data.get("servers")
    out: list[str] = []
    for server in servers if isinstance(servers, list) else []:
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        variables = server.get("variables")
        variables = variables if isinstance(variables, dict) else {}

        def default(match: re.Match[str]) -> str:
            var = variables.get(match.group(1))
            value = var.get("default") if isinstance(var, dict) else None
            return str(value) if isinstance(value, (str, int, float)) else match.group(0)

        out.append(_VARIABLE.sub(default, server["url"]))
    return out


def build_auth(data: dict[str, Any]) -> Auth | None:
    components = data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(schemes, dict) or not schemes:
        return None
    names: list[str] = []
    security = data.get("security")
    for requirement in security if isinstance(security, list) else []:
        if isinstance(requirement, dict):
            names.extend(str(n) for n in requirement)
    names.extend(str(n) for n in schemes)
    for name in names:
        auth = _auth(schemes.get(name))
        if auth is not None:
            return auth
    return None


def _auth(scheme: Any) -> Auth | None:
    if not isinstance(scheme, dict):
        return None
    kind = scheme.get("type")
    bearer = kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer"
    if bearer or kind in ("oauth2", "openIdConnect"):
        return Auth(location="header", name="authorization", prefix="Bearer ")
    name, where = scheme.get("name"), scheme.get("in")
    if kind == "apiKey" and isinstance(name, str) and name and (
            where == "query" or where == "header" and _TOKEN.match(name)):
        return Auth(location=where, name=name)
    return None
