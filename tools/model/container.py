#!/usr/bin/env python3
"""Writes (and reads back) dhad model files: the container of include/dhad/model.h
and the static hash tables of src/model/model.h. Those two headers are the
format's specification; this module and the C++ reader follow them.

Every model builder writes through this module: tools/segment/build_model.py
today; `dhad learn` and a corrector model builder later. A builder chooses a
4-character kind tag and a version for its own layout, and names its sections:

    import container
    weights = struct.pack("<2i", 3, -4)
    table = container.table({"كتاب": 7, "قلم": 1}, seed=0x1234)
    container.write("x.model", "SEGM", 1,
                    [("weights", weights, 8), ("counts", table, 8)])

Run as a script, it prints the header and section table of a model file:

    python3 tools/model/container.py data/segment/segment.model
"""
import struct
import sys

MAGIC = b"DHAD"
FORMAT_VERSION = 1
HEADER_SIZE = 40
ENTRY_SIZE = 40
MAX_SECTIONS = 64
MAX_ALIGNMENT = 64
TABLE_HEADER_SIZE = 24
MAX_BUCKET_BITS = 28

M64 = (1 << 64) - 1
_MUL = 0xFF51AFD7ED558CCD


def checksum(data):
    """The container's checksum (dhad/model.h): four multiply-xor lanes over
    little-endian u64 words, the last 32-byte block zero-padded."""
    n = len(data)
    pad = (-n) % 32
    words = struct.unpack("<%dQ" % ((n + pad) // 8), bytes(data) + b"\0" * pad)
    lanes = [0x9E3779B97F4A7C15 ^ n ^ j for j in range(4)]
    for j in range(4):
        h = lanes[j]
        for w in words[j::4]:
            h = ((h ^ w) * _MUL) & M64
            h ^= h >> 29
        lanes[j] = h
    h = lanes[0]
    for lane in lanes[1:]:
        h = ((h ^ lane) * _MUL) & M64
        h ^= h >> 29
    return h


def hash64(data, seed):
    """FNV-1a 64 then the murmur3 finalizer (hash64 in src/model/model.h)."""
    h = 0xCBF29CE484222325 ^ seed
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & M64
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & M64
    h ^= h >> 33
    return h


def _key_bytes(key):
    return key.encode("utf-8") if isinstance(key, str) else bytes(key)


def table(items, seed, width=1, bits=None):
    """The bytes of a hash table section: items maps keys (str, as UTF-8, or
    bytes) to values that fit in `width` bytes (1, 2 or 4). There are 2^bits
    buckets: `bits` as given (0 allowed), by default the smallest bits >= 1
    that leaves at most 4 entries a bucket on average. Raises ValueError when
    two keys of a bucket share a fingerprint (try another seed)."""
    if width not in (1, 2, 4):
        raise ValueError("width %r is not 1, 2 or 4" % (width,))
    n = len(items)
    if bits is None:
        bits = 1
        while (1 << bits) * 4 < n:
            bits += 1
    if not 0 <= bits <= MAX_BUCKET_BITS:
        raise ValueError("bits %d out of range" % bits)
    buckets = [[] for _ in range(1 << bits)]
    for key, value in items.items():
        if not 0 <= value < 1 << (8 * width):
            raise ValueError("value %r of %r does not fit in %d bytes" % (value, key, width))
        k = _key_bytes(key)
        h = hash64(k, seed)
        buckets[h >> (64 - bits) if bits else 0].append((h & 0xFFFFFFFF, value, k))
    offsets, fps, vals = [0], [], []
    for b in buckets:
        seen = {}
        for fp, value, k in sorted(b):
            if fp in seen:
                raise ValueError("fingerprint collision: %r / %r" % (seen[fp], k))
            seen[fp] = k
            fps.append(fp)
            vals.append(value)
        offsets.append(len(fps))
    code = {1: "B", 2: "H", 4: "I"}[width]
    return (struct.pack("<IIQII", bits, n, seed, width, 0) +
            struct.pack("<%dI" % len(offsets), *offsets) +
            struct.pack("<%dI" % n, *fps) + struct.pack("<%d%s" % (n, code), *vals))


def table_find(data, key):
    """The value a table section (bytes) holds for key (str or bytes), or None."""
    bits, n, seed, width, _ = struct.unpack_from("<IIQII", data, 0)
    h = hash64(_key_bytes(key), seed)
    b = h >> (64 - bits) if bits else 0
    lo, hi = struct.unpack_from("<II", data, TABLE_HEADER_SIZE + 4 * b)
    fps = TABLE_HEADER_SIZE + 4 * ((1 << bits) + 1)
    code = {1: "B", 2: "H", 4: "I"}[width]
    for i in range(lo, hi):
        if struct.unpack_from("<I", data, fps + 4 * i)[0] == h & 0xFFFFFFFF:
            return struct.unpack_from("<" + code, data, fps + 4 * n + width * i)[0]
    return None


def container(kind, version, sections):
    """The bytes of a model file. kind: 4 characters of [A-Z0-9]; version:
    the kind's layout version; sections: (name, bytes, alignment) in the
    order of the section table, laid out in that order after it, each at the
    next multiple of its alignment (zero bytes between)."""
    kind_b = kind.encode("ascii")
    if len(kind_b) != 4 or not all(c.isupper() or c.isdigit() for c in kind):
        raise ValueError("kind %r is not 4 characters of [A-Z0-9]" % (kind,))
    if len(sections) > MAX_SECTIONS:
        raise ValueError("%d sections, at most %d" % (len(sections), MAX_SECTIONS))
    names = set()
    entries, body = [], b""
    start = HEADER_SIZE + ENTRY_SIZE * len(sections)
    for name, data, align in sections:
        nb = name.encode("ascii")
        if not 1 <= len(nb) <= 16 or any(not (c.islower() or c.isdigit() or c == "_")
                                          for c in name) or name in names:
            raise ValueError("bad or repeated section name %r" % (name,))
        if align < 1 or align > MAX_ALIGNMENT or align & (align - 1):
            raise ValueError("section %s: alignment %d" % (name, align))
        names.add(name)
        at = start + len(body)
        body += b"\0" * ((-at) % align)
        entries.append(struct.pack("<16sQQII", nb, start + len(body), len(data), align, 0))
        body += bytes(data)
    size = start + len(body)
    rest = struct.pack("<QII", size, len(sections), 0) + b"".join(entries) + body
    return MAGIC + kind_b + struct.pack("<IIQ", FORMAT_VERSION, version, checksum(rest)) + rest


def write(path, kind, version, sections):
    """Writes container(kind, version, sections) to path; returns its size."""
    data = container(kind, version, sections)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def read(data, kind=None):
    """(kind, version, {name: bytes}) of a model file's bytes, after the
    checks of the C++ reader that need no section contents (raises
    ValueError)."""
    if len(data) < HEADER_SIZE or data[:4] != MAGIC:
        raise ValueError("not a dhad model")
    found = data[4:8].decode("ascii", "replace")
    if kind is not None and found != kind:
        raise ValueError("a %r model, not %r" % (found, kind))
    fmt, version, stored, size, count, _ = struct.unpack_from("<IIQQII", data, 8)
    if fmt != FORMAT_VERSION or size != len(data) or count > MAX_SECTIONS:
        raise ValueError("format %d, size %d of %d, %d sections" % (fmt, size, len(data), count))
    if HEADER_SIZE + ENTRY_SIZE * count > len(data) or checksum(data[24:]) != stored:
        raise ValueError("truncated or corrupt")
    sections = {}
    for s in range(count):
        name, off, n, _, _ = struct.unpack_from("<16sQQII", data, HEADER_SIZE + ENTRY_SIZE * s)
        if off + n > len(data):
            raise ValueError("section %d out of bounds" % s)
        sections[name.rstrip(b"\0").decode("ascii")] = bytes(data[off:off + n])
    return found, version, sections


def main():
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        kind, version, sections = read(data)
        print("%s: kind %s version %d, %d bytes, %d sections" % (
            path, kind, version, len(data), len(sections)))
        for name, body in sections.items():
            print("  %-16s %10d bytes" % (name, len(body)))


if __name__ == "__main__":
    main()
