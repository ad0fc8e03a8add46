"""The generated client's defaults: base URL, the API key's environment variable and
how the key is sent, from the spec (`IR.servers`, `IR.auth`) unless
`[tool.respgen]` overrides them (`base_url`, `api_key_env`, `auth`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from ...config import Config, check_auth
from ...ir import IR, Auth
from .escaping import py_doc, py_str

BEARER = Auth(location="header", name="authorization", prefix="Bearer ")
ABSOLUTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s\x00-\x1f\x7f]+$")


@dataclass
class ClientDefaults:
    base_url: str  # a Python string literal; empty when the spec names no absolute URL
    api_key_env: str  # a Python string literal
    auth: str  # a Python literal: None, or (location, name, prefix)
    base_url_text: str  # plain text, for docstrings (py_doc-escaped)
    api_key_env_text: str


def client_defaults(ir: IR, config: Config, package: str) -> ClientDefaults:
    """`package`: the generated package's name (the key variable's default stem)."""
    # a relative server URL is relative to where the spec was read from (a URL), if it was
    servers = [urljoin(config.spec_url, u) if config.spec_url else u for u in ir.servers]
    base_url = config.base_url or next((u for u in servers if ABSOLUTE_URL.match(u)), None)
    key_env = config.api_key_env or re.sub(r"\W", "_", package).upper() + "_API_KEY"
    auth = _auth(config.auth, ir.auth)
    return ClientDefaults(
        base_url=py_str(base_url or ""), api_key_env=py_str(key_env),
        auth="None" if auth is None else
        f"({py_str(auth.location)}, {py_str(auth.name)}, {py_str(auth.prefix)})",
        base_url_text=py_doc(base_url or "(none: pass base_url)"),
        api_key_env_text=py_doc(key_env))


def _auth(option: str | None, spec: Auth | None) -> Auth | None:
    """`[tool.respgen] auth`, else the spec's scheme, else a bearer token."""
    if option is None:
        return spec or BEARER
    kind, _, name = check_auth(option, "[tool.respgen] auth").partition(":")
    if kind == "none":
        return None
    if kind == "bearer":
        return BEARER
    return Auth(location=kind, name=name.strip())
