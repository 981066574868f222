"""HTTP for the Teams channel: one aiohttp session, made in the server's event loop on first
use (never blocking `requests` calls inside the event loop, as the stock channel makes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


class HttpClient:
    """One aiohttp session for the channel, made in the server's event loop on first use."""

    def __init__(self, timeout_seconds: float = 10.0):
        self.timeout_seconds = timeout_seconds
        self._session = None

    async def _get_session(self):
        import aiohttp

        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout_seconds))
        return self._session

    async def get_json(self, url: str) -> Any:
        session = await self._get_session()
        async with session.get(url, allow_redirects=False) as r:
            if r.status != 200:
                raise RuntimeError(f"GET {url} answered {r.status}")
            return json.loads(await r.text())

    async def post(
        self, url: str, *, json_body: Any = None, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str, Mapping[str, str]]:
        """`url` is sent as given (already escaped): aiohttp would otherwise un-escape the
        `:`, `;` and `@` of a conversation id in the path, which the Bot Framework SDKs escape."""
        import yarl

        session = await self._get_session()
        async with session.post(
            yarl.URL(url, encoded=True), json=json_body, data=form, headers=headers, allow_redirects=False
        ) as r:
            return r.status, await r.text(), dict(r.headers)

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
