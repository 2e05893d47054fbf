#!/usr/bin/env python3
"""Writes the seeds of the segment_model fuzz target, fuzz/corpus/segment_model/.

usage: python3 fuzz/make_segment_model_seeds.py

The real model (data/segment/segment.model, 2.5 MB) is too big for a seed, and
no prefix of it parses: its sections lie megabytes in. So the seeds are small
models in the same format (tools/segment/build_model.py writes them), whose
tables hold the real model's entries for every key the scorer looks up for a
handful of words (segment_model_fuzzer.cc's), and so segment those words as
the real model does; then variants (empty tables, no about, an unknown
section, hostile decisions), header and table corruptions one check each,
and the first bytes of the real model.
"""
import os
import struct
import sys
import tempfile

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
sys.path.insert(0, os.path.join(ROOT, "tools", "segment"))
import build_model as bm  # noqa: E402

OUT = os.path.join(FUZZ, "corpus", "segment_model")

# The words of segment_model_fuzzer.cc (kWords and kLine), marks removed.
WORDS = ["وبالكتاب", "فسيكتبونها", "لأوباما", "وزيرها", "للسلطة", "كتاب", "والكتاب",
         "له", "عما", "حكومته", "كتبوه", "بالنسبة", "سيكون", "وقال", "فقط", "و", "كتابا",
         "لهم"]


def read_model(path):
    data = open(path, "rb").read()
    n = struct.unpack_from("<I", data, 12)[0]
    sections = {}
    for s in range(n):
        sid, _, off, size = struct.unpack_from("<IIQQ", data, 32 + 24 * s)
        sections[sid] = data[off:off + size]
    return sections


def find(table, key, seed):
    bits, n = struct.unpack_from("<II", table, 0)
    h = bm.hash64(key.encode("utf-8"), seed)
    b = h >> (64 - bits) if bits else 0
    lo, hi = struct.unpack_from("<II", table, 8 + 4 * b)
    fps = 8 + 4 * ((1 << bits) + 1)
    for i in range(lo, hi):
        if struct.unpack_from("<I", table, fps + 4 * i)[0] == h & 0xFFFFFFFF:
            return table[fps + 4 * n + i]
    return None


def candidates(word):
    """Every string Scorer looks up for `word`: its substrings, their restored
    forms (ة ى ء for the last letter, ا appended or put before) and, for the
    lexicon, those forms without a leading ال."""
    base = set()
    for i in range(len(word)):
        for j in range(i + 1, len(word) + 1):
            s = word[i:j]
            base |= {s, s + "ا", "ا" + s}
            base |= {s[:-1] + c for c in "ةىء"}
    lex = base | {x[2:] for x in base if x.startswith("ال")}
    return base, lex


def small_table(items, seed, bits=None):
    """build_table, or with a fixed number of bucket bits (0 included)."""
    if bits is None:
        return bm.build_table(items, seed)
    buckets = [[] for _ in range(1 << bits)]
    for key, value in items.items():
        h = bm.hash64(key.encode("utf-8"), seed)
        buckets[h >> (64 - bits) if bits else 0].append((h & 0xFFFFFFFF, value))
    offsets, fps, vals = [0], [], []
    for b in buckets:
        for fp, value in sorted(b):
            fps.append(fp)
            vals.append(value)
        offsets.append(len(fps))
    return (struct.pack("<II", bits, len(items)) + struct.pack("<%dI" % len(offsets), *offsets) +
            struct.pack("<%dI" % len(fps), *fps) + bytes(vals))


def model_bytes(sections):
    """write_model's bytes, without the file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "seed.model")
        bm.write_model(sections, path)
        with open(path, "rb") as f:
            return f.read()


def fix(data):
    """Rewrites the size and checksum fields for the bytes as they are."""
    data = bytearray(data)
    struct.pack_into("<Q", data, 24, len(data))
    struct.pack_into("<Q", data, 16, bm.checksum(bytes(data[24:])))
    return bytes(data)


def main():
    real = read_model(os.path.join(ROOT, "data", "segment", "segment.model"))
    tables = {}
    for sid in (bm.SEC_COUNTS, bm.SEC_LEXICON, bm.SEC_DECISIONS, bm.SEC_OVERRIDES):
        tables[sid] = {}
    for w in WORDS:
        base, lex = candidates(w)
        for key in base:
            v = find(real[bm.SEC_COUNTS], bm.fold(key), bm.SEED[bm.SEC_COUNTS])
            if v is not None:
                tables[bm.SEC_COUNTS][bm.fold(key)] = v
            for sid in (bm.SEC_DECISIONS, bm.SEC_OVERRIDES):
                v = find(real[sid], key, bm.SEED[sid])
                if v is not None:
                    tables[sid][key] = v
        for key in lex:
            v = find(real[bm.SEC_LEXICON], key, bm.SEED[bm.SEC_LEXICON])
            if v is not None:
                tables[bm.SEC_LEXICON][key] = v

    # The words decide as in the real model (the Python twin of the C++ scorer).
    params = struct.unpack_from("<%di" % len(bm.PARAM_NAMES), real[bm.SEC_PARAMS], 4)
    scorer = bm.Scorer(tables[bm.SEC_COUNTS], tables[bm.SEC_LEXICON],
                       tables[bm.SEC_OVERRIDES], dict(zip(bm.PARAM_NAMES, params)))
    for w in WORDS:
        want = find(real[bm.SEC_DECISIONS], w, bm.SEED[bm.SEC_DECISIONS])
        if want is not None and scorer.decide(w) != want:
            sys.exit("%s: the small model decides %d, the real one %d" % (w, scorer.decide(w), want))

    about = b"dhad fuzz seed: a small segmentation model\n"
    params_blob = real[bm.SEC_PARAMS]

    def sections(counts=None, lexicon=None, decisions=None, overrides=None, bits=None):
        t = [(bm.SEC_PARAMS, params_blob)]
        for sid, items in ((bm.SEC_COUNTS, counts), (bm.SEC_LEXICON, lexicon),
                           (bm.SEC_DECISIONS, decisions), (bm.SEC_OVERRIDES, overrides)):
            t.append((sid, small_table(tables[sid] if items is None else items, bm.SEED[sid], bits)))
        return t

    seeds = {}
    seeds["small.model"] = model_bytes(sections() + [(bm.SEC_ABOUT, about)])
    seeds["small_no_cache.model"] = model_bytes(sections(decisions={}) + [(bm.SEC_ABOUT, about)])
    seeds["empty_tables.model"] = model_bytes(sections({}, {}, {}, {}, bits=0))
    seeds["one_bucket.model"] = model_bytes(sections(bits=0))
    seeds["unknown_section.model"] = model_bytes(
        [(99, b"\x01\x02\x03"), (bm.SEC_ABOUT, b"")] + sections()[::-1])
    hostile = [0x03, 0x0C, 0x0F, 0x10, 0x13, 0x1C, 0x1F, 0x20, 0xFF, 0x01, 0x04, 0x11]
    seeds["hostile_decisions.model"] = model_bytes(sections(
        decisions={w: hostile[i % len(hostile)] for i, w in enumerate(WORDS)},
        overrides={w: hostile[(i + 5) % len(hostile)] for i, w in enumerate(WORDS)}))
    extreme = bytearray(params_blob)
    for i in range(len(bm.PARAM_NAMES)):
        struct.pack_into("<i", extreme, 4 + 4 * i, 100000 if i % 2 else -100000)
    seeds["extreme_weights.model"] = model_bytes(
        [(bm.SEC_PARAMS, bytes(extreme))] + sections()[1:])

    # One header or table check each (size and checksum fixed afterwards, so
    # that the named check is the one that fails).
    good = seeds["empty_tables.model"]

    def patched(offset, fmt, value, refix=True):
        d = bytearray(good)
        struct.pack_into(fmt, d, offset, value)
        return fix(d) if refix else bytes(d)

    seeds["bad_magic.model"] = patched(0, "<B", ord("X"))
    seeds["bad_version.model"] = patched(8, "<I", 2)
    seeds["too_many_sections.model"] = patched(12, "<I", 65)
    seeds["table_past_end.model"] = patched(12, "<I", 40)
    seeds["bad_size.model"] = patched(24, "<Q", len(good) + 1, refix=False)
    seeds["bad_checksum.model"] = patched(16, "<Q", 0x0123456789ABCDEF, refix=False)
    first = 32
    seeds["section_out_of_bounds.model"] = patched(first + 8, "<Q", len(good))
    seeds["duplicate_section.model"] = patched(first + 24, "<I", bm.SEC_PARAMS)
    seeds["missing_section.model"] = patched(first + 24, "<I", 77)
    params_off = struct.unpack_from("<Q", good, first + 8)[0]
    seeds["wrong_weight_count.model"] = patched(params_off, "<I", 18)
    seeds["weight_out_of_range.model"] = patched(params_off + 4, "<i", 100001)
    counts_off = struct.unpack_from("<Q", good, first + 24 + 8)[0]
    seeds["too_many_buckets.model"] = patched(counts_off, "<I", 29)
    seeds["table_truncated.model"] = patched(counts_off + 4, "<I", 1000)
    seeds["offsets_not_zero.model"] = patched(counts_off + 8, "<I", 1)
    seeds["offsets_past_n.model"] = patched(counts_off + 12, "<I", 1)
    seeds["truncated_header.model"] = good[:31]

    # The real model's first bytes: the header checks pass once the fuzzer
    # fixes size and checksum, the section table then points past the end.
    real_bytes = open(os.path.join(ROOT, "data", "segment", "segment.model"), "rb").read()
    for n in (32, 176, 1024):
        seeds["real_first_%d.model" % n] = real_bytes[:n]

    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    for name, data in sorted(seeds.items()):
        assert len(data) <= 64 * 1024, name
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    total = sum(len(d) for d in seeds.values())
    print("wrote %d seeds, %d bytes, to %s; small.model: counts %d, lexicon %d, decisions %d, "
          "overrides %d" % (len(seeds), total, OUT, *(len(tables[s]) for s in sorted(tables))))


if __name__ == "__main__":
    main()
