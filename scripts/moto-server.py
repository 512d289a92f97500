"""moto's server (S3 + DynamoDB on one port), with one cost fixed: ListObjectVersions.

moto 5.2.5 deep-copies every version of every object in the bucket, contents included, on each
ListObjectVersions call, whatever Prefix or MaxKeys say, and only then filters by prefix. A
one-entry check of one key in a bucket holding a few thousand states then copies the whole bucket,
and a handful in flight grew the benchmark's moto to 14 GB. Here the copy is limited to the keys
under the request's prefix before moto's own code runs, so every answer is the same as moto's
(its filter drops exactly those keys anyway) and the cost is that of the prefix, as on S3.

The narrowed view is per request thread (the server is threaded), so concurrent requests never see
another request's prefix, and nothing in the bucket is replaced or mutated.
"""
import datetime
import os
import threading

from moto.s3 import models
from moto.server import main

_request = threading.local()


class _KeysUnderPrefix:
    def __init__(self, keys, prefix):
        self._keys = keys
        self._prefix = prefix

    def iterlists(self):
        return ((k, v) for k, v in self._keys.iterlists() if k.startswith(self._prefix))

    def __getattr__(self, name):
        return getattr(self._keys, name)


class _BucketUnderPrefix:
    def __init__(self, bucket, prefix):
        self._bucket = bucket
        self.keys = _KeysUnderPrefix(bucket.keys, prefix)

    def __getattr__(self, name):
        return getattr(self._bucket, name)


_get_bucket = models.S3Backend.get_bucket
_list_object_versions = models.S3Backend.list_object_versions


def get_bucket(self, bucket_name):
    bucket = _get_bucket(self, bucket_name)
    prefix = getattr(_request, "prefix", None)
    return _BucketUnderPrefix(bucket, prefix) if prefix else bucket


def list_object_versions(self, bucket_name, *args, **kwargs):
    _request.prefix = kwargs.get("prefix") or None
    try:
        return _list_object_versions(self, bucket_name, *args, **kwargs)
    finally:
        _request.prefix = None


models.S3Backend.get_bucket = get_bucket
models.S3Backend.list_object_versions = list_object_versions

# Test-only clock offset: S3 stamps versions with moto's now, so history spread over weeks needs
# moto's notion of now moved (never the product's clock). MOTO_CLOCK_FILE holds "SECONDS BUCKET..."
# (testkit's setMotoClockOffset writes it); only objects written to those buckets get the moved
# clock, so tests running beside one never see it. Re-read only when the file changes.
_clock_file = os.environ.get("MOTO_CLOCK_FILE")
_clock = {"mtime": None, "offset": 0.0, "buckets": frozenset()}
_utcnow = models.utcnow
_put_object = models.S3Backend.put_object


def _read_clock():
    try:
        mtime = os.stat(_clock_file).st_mtime_ns
        if mtime != _clock["mtime"]:
            with open(_clock_file) as f:
                parts = f.read().split()
            _clock["offset"] = float(parts[0]) if parts else 0.0
            _clock["buckets"] = frozenset(parts[1:])
            _clock["mtime"] = mtime
    except (OSError, ValueError):
        _clock["offset"] = 0.0
        _clock["buckets"] = frozenset()


def _offset_utcnow():
    bucket = getattr(_request, "put_bucket", None)
    if bucket is None:
        return _utcnow()
    _read_clock()
    if bucket not in _clock["buckets"]:
        return _utcnow()
    return _utcnow() + datetime.timedelta(seconds=_clock["offset"])


def put_object(self, bucket_name, *args, **kwargs):
    _request.put_bucket = bucket_name
    try:
        return _put_object(self, bucket_name, *args, **kwargs)
    finally:
        _request.put_bucket = None


if _clock_file:
    models.utcnow = _offset_utcnow
    models.S3Backend.put_object = put_object


# Conditional writes are atomic on S3 (If-None-Match: * creates once, If-Match replaces only that ETag), but
# moto's threaded server checks the condition and writes in two steps, so two lock puts racing on one key could
# both "win". The tools' lock protocol rests on that atomicity, and the concurrency tests race it on purpose:
# conditional puts and deletes are made one at a time here. Unconditional requests are not held up.
from moto.s3 import responses as _responses  # noqa: E402

_conditional = threading.Lock()


def _atomic_when_conditional(method):
    def run(self, *args, **kwargs):
        if self.headers.get("If-None-Match") or self.headers.get("If-Match"):
            with _conditional:
                return method(self, *args, **kwargs)
        return method(self, *args, **kwargs)

    return run


_responses.S3Response.put_object = _atomic_when_conditional(_responses.S3Response.put_object)
_responses.S3Response.delete_object = _atomic_when_conditional(_responses.S3Response.delete_object)

if __name__ == "__main__":
    main()
