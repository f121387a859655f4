"""The live bus: carries "this changed" messages from services to the app's open tabs.

One process (the SQLite default, no ``REDIS_URL``) fans messages out in memory.
With ``REDIS_URL`` every message goes through one Redis pub/sub channel, so each
backend worker and each app instance sharing that Redis receives it, including
the one that published it. Redis is the choice because several Reflex workers
need it anyway for their state; PostgreSQL ``LISTEN/NOTIFY`` would add a second
mechanism for no gain. Pub/sub channels ignore Redis database numbers, so the
channel name carries the number (``castyou:live:5``) to keep databases apart.

A message is delivered at most once: a subscriber that was disconnected misses
what was published meanwhile, so the listener yields :data:`RESYNC` after it
reconnects and tabs re-read everything they show.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

import redis
import redis.asyncio as aredis

from castyou.settings import get_settings

RESYNC = "*"
RETRY_SECONDS = 1.0
logger = logging.getLogger("castyou.live")


@dataclass(frozen=True)
class Message:
    """What changed (topics such as ``wallet:42``) and which tab caused it ("" if none)."""

    topics: tuple[str, ...]
    origin: str = ""

    def encode(self) -> str:
        return json.dumps({"t": list(self.topics), "o": self.origin}, separators=(",", ":"))

    @staticmethod
    def decode(raw: str | bytes) -> Message | None:
        """The message in ``raw``, or None when it is not one of ours."""
        try:
            data = json.loads(raw)
            topics = tuple(str(topic) for topic in data["t"])
            return Message(topics, str(data.get("o") or ""))
        except (ValueError, KeyError, TypeError):
            return None


def channel_name(redis_url: str) -> str:
    """``castyou:live:<db>``: one channel per Redis database number."""
    path = urlparse(redis_url).path.strip("/")
    return f"castyou:live:{path or '0'}"


_listeners: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Message]]] = []


def publish(message: Message) -> None:
    """Send ``message`` to every subscriber (never raises: tabs resync later)."""
    url = get_settings().redis_url
    if url is None:
        for loop, queue in list(_listeners):
            with contextlib.suppress(RuntimeError):  # the loop is closed
                loop.call_soon_threadsafe(queue.put_nowait, message)
        return
    try:
        _client(url).publish(channel_name(url), message.encode())
    except redis.RedisError:
        logger.exception("live bus: publish failed")


@lru_cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


async def listen() -> AsyncIterator[Message]:
    """Messages as they arrive, forever (cancel the task to stop)."""
    url = get_settings().redis_url
    if url is None:
        async for message in _listen_memory():
            yield message
    else:
        async for message in _listen_redis(url):
            yield message


async def _listen_memory() -> AsyncIterator[Message]:
    entry = (asyncio.get_running_loop(), asyncio.Queue[Message]())
    _listeners.append(entry)
    try:
        while True:
            yield await entry[1].get()
    finally:
        _listeners.remove(entry)


async def _listen_redis(url: str) -> AsyncIterator[Message]:
    channel, first = channel_name(url), True
    while True:
        client = aredis.Redis.from_url(url)
        try:
            async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                await pubsub.subscribe(channel)
                if not first:
                    yield Message((RESYNC,))
                first = False
                async for raw in pubsub.listen():
                    if raw.get("type") == "message" and (msg := Message.decode(raw["data"])):
                        yield msg
        except (redis.RedisError, OSError):
            logger.warning("live bus: Redis connection lost; retrying", exc_info=True)
            first = False
            await asyncio.sleep(RETRY_SECONDS)
        finally:
            await client.aclose()
