"""A spec's root document read over HTTPS (`--spec https://...`).

The download has a timeout and a size limit (the same as for files,
`RESPGEN_MAX_SPEC_MB`), and is kept by the SHA-256 of its bytes in the cache folder, so
the parse and result caches see a file like any other. Plain `http://` is allowed only to
this machine (localhost, 127.0.0.0/8, ::1). A downloaded spec may refer only inside
itself: a `$ref` naming another file is refused (respgen never reads over the network
beyond the one document it was asked for, nor local files on a remote spec's behalf).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Location, SpecError
from ..output import cache
from . import limits

TIMEOUT_S = float(os.environ.get("RESPGEN_FETCH_TIMEOUT", "30"))


def is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _allowed(scheme: str, host: str) -> bool:
    """https://, or http:// to this machine only."""
    return scheme == "https" or (scheme == "http" and _loopback(host))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # only a spec read over http:// needs it

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch(url: str, cache_dir: Path | None) -> Path:
    """Download `url` and return the local file holding its bytes (named by their hash)."""
    where = Location(url)
    parts = urlsplit(url)
    if not _allowed(parts.scheme, parts.hostname or ""):
        raise SpecError(where, "a spec is read over https:// only (http:// only from this machine)")
    import httpx  # only specs read by URL need it

    limit = limits.max_bytes()
    try:
        with httpx.stream("GET", url, timeout=TIMEOUT_S, follow_redirects=True,
                          headers={"Accept": "application/yaml, application/json, text/plain, */*"}) as resp:
            final = resp.url
            if not _allowed(final.scheme, final.host):
                raise SpecError(where, f"redirected to {final}, which is not https: refused")
            if resp.status_code != 200:
                raise SpecError(where, f"cannot read the spec: HTTP {resp.status_code} "
                                f"{resp.reason_phrase}".rstrip())
            body = bytearray()
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise SpecError(where, f"the spec is over the limit of {limit / 2**20:.0f} MiB: "
                                    "refused (set RESPGEN_MAX_SPEC_MB to raise it)")
            kind = resp.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise SpecError(where, f"cannot read the spec: no answer within {TIMEOUT_S:g} s "
                        "(RESPGEN_FETCH_TIMEOUT)") from None
    except httpx.HTTPError as exc:
        raise SpecError(where, f"cannot read the spec: {type(exc).__name__}: {exc}") from None
    suffix = Path(parts.path).suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        suffix = ".json" if "json" in kind else ".yaml"
    return cache.downloaded(cache_dir, bytes(body), suffix)
