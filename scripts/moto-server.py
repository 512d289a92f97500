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
# moto's notion of now moved (never the product's clock). MOTO_CLOCK_FILE holds an offset in
# seconds (testkit's setMotoClockOffset writes it); it is re-read only when the file changes.
_clock_file = os.environ.get("MOTO_CLOCK_FILE")
_clock = {"mtime": None, "offset": 0.0}
_utcnow = models.utcnow


def _offset_utcnow():
    try:
        mtime = os.stat(_clock_file).st_mtime_ns
        if mtime != _clock["mtime"]:
            with open(_clock_file) as f:
                text = f.read().strip()
            _clock["offset"] = float(text) if text else 0.0
            _clock["mtime"] = mtime
    except (OSError, ValueError):
        _clock["offset"] = 0.0
    return _utcnow() + datetime.timedelta(seconds=_clock["offset"])


if _clock_file:
    models.utcnow = _offset_utcnow

if __name__ == "__main__":
    main()
