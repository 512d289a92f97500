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

if __name__ == "__main__":
    main()
