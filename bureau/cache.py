"""The cache backend: Django's Redis cache, keeping its redis-py client.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` around the connection pool for every cache call, and
making one builds redis-py's table of response callbacks (some 170 entries, each key upper-cased into a
case-insensitive dict). Every signed-in page makes such calls (its session, the inbox badge's day), so that was a
few per cent of a light page's CPU (docs/benchmarks.md, "Load"). A client holds nothing of its own between calls
but the pool, so one per pool does the same work.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
