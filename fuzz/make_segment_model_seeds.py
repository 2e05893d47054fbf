#!/usr/bin/env python3
"""Writes the seeds of the segment_model fuzz target, fuzz/corpus/segment_model/.

usage: python3 fuzz/make_segment_model_seeds.py

The real model (data/segment/segment.model, 2.5 MB) is too big for a seed, and
no prefix of it parses: its sections lie megabytes in. So the seeds are small
models in the same format (a SEGM model container, written with
tools/model/container.py as tools/segment/build_model.py writes it), whose
tables hold the real model's entries for every key the scorer looks up for a
handful of words (segment_model_fuzzer.cc's), and so segment those words as
the real model does; then variants (empty tables, no about, an unknown
section, hostile decisions), header and table corruptions one check each,
and the first bytes of the real model.
"""
import os
import struct
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
sys.path.insert(0, os.path.join(ROOT, "tools", "segment"))
sys.path.insert(0, os.path.join(ROOT, "tools", "model"))
import build_model as bm  # noqa: E402
import container  # noqa: E402

OUT = os.path.join(FUZZ, "corpus", "segment_model")

# The words of segment_model_fuzzer.cc (kWords and kLine), marks removed.
WORDS = ["وبالكتاب", "فسيكتبونها", "لأوباما", "وزيرها", "للسلطة", "كتاب", "والكتاب",
         "له", "عما", "حكومته", "كتبوه", "بالنسبة", "سيكون", "وقال", "فقط", "و", "كتابا",
         "لهم"]


TABLES = ("counts", "lexicon", "decisions", "overrides")


def read_model(path):
    """{section name: bytes} of a segmentation model file."""
    with open(path, "rb") as f:
        return container.read(f.read(), bm.KIND)[2]


def find(table, key):
    return container.table_find(table, key)


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
    return container.table(items, seed, bits=bits)


def model_bytes(sections):
    """The bytes build_model.py writes for these (name, bytes) sections."""
    return container.container(bm.KIND, bm.VERSION,
                               [(name, data, 1 if name == "about" else 8) for name, data in sections])


def fix(data):
    """Rewrites the size and checksum fields for the bytes as they are."""
    data = bytearray(data)
    struct.pack_into("<Q", data, 24, len(data))
    struct.pack_into("<Q", data, 16, container.checksum(bytes(data[24:])))
    return bytes(data)


def main():
    real = read_model(os.path.join(ROOT, "data", "segment", "segment.model"))
    tables = {name: {} for name in TABLES}
    for w in WORDS:
        base, lex = candidates(w)
        for key in base:
            v = find(real["counts"], bm.fold(key))
            if v is not None:
                tables["counts"][bm.fold(key)] = v
            for name in ("decisions", "overrides"):
                v = find(real[name], key)
                if v is not None:
                    tables[name][key] = v
        for key in lex:
            v = find(real["lexicon"], key)
            if v is not None:
                tables["lexicon"][key] = v

    # The words decide as in the real model (the Python twin of the C++ scorer).
    params = struct.unpack_from("<%di" % len(bm.PARAM_NAMES), real["weights"], 4)
    scorer = bm.Scorer(tables["counts"], tables["lexicon"], tables["overrides"],
                       dict(zip(bm.PARAM_NAMES, params)))
    for w in WORDS:
        want = find(real["decisions"], w)
        if want is not None and scorer.decide(w) != want:
            sys.exit("%s: the small model decides %d, the real one %d" % (w, scorer.decide(w), want))

    about = b"dhad fuzz seed: a small segmentation model\n"
    params_blob = real["weights"]

    def sections(counts=None, lexicon=None, decisions=None, overrides=None, bits=None):
        t = [("weights", params_blob)]
        for name, items in (("counts", counts), ("lexicon", lexicon),
                            ("decisions", decisions), ("overrides", overrides)):
            t.append((name, small_table(tables[name] if items is None else items, bm.SEED[name],
                                        bits)))
        return t

    seeds = {}
    seeds["small.model"] = model_bytes(sections() + [("about", about)])
    seeds["small_no_cache.model"] = model_bytes(sections(decisions={}) + [("about", about)])
    seeds["empty_tables.model"] = model_bytes(sections({}, {}, {}, {}, bits=0))
    seeds["one_bucket.model"] = model_bytes(sections(bits=0))
    seeds["unknown_section.model"] = model_bytes(
        [("unknown", b"\x01\x02\x03"), ("about", b"")] + sections()[::-1])
    hostile = [0x03, 0x0C, 0x0F, 0x10, 0x13, 0x1C, 0x1F, 0x20, 0xFF, 0x01, 0x04, 0x11]
    seeds["hostile_decisions.model"] = model_bytes(sections(
        decisions={w: hostile[i % len(hostile)] for i, w in enumerate(WORDS)},
        overrides={w: hostile[(i + 5) % len(hostile)] for i, w in enumerate(WORDS)}))
    extreme = bytearray(params_blob)
    for i in range(len(bm.PARAM_NAMES)):
        struct.pack_into("<i", extreme, 4 + 4 * i, 100000 if i % 2 else -100000)
    seeds["extreme_weights.model"] = model_bytes([("weights", bytes(extreme))] + sections()[1:])

    # One container, section or table check each (size and checksum fixed
    # afterwards, so that the named check is the one that fails).
    good = seeds["empty_tables.model"]

    def patched(offset, fmt, value, refix=True):
        d = bytearray(good)
        struct.pack_into(fmt, d, offset, value)
        return fix(d) if refix else bytes(d)

    head, entry = container.HEADER_SIZE, container.ENTRY_SIZE
    seeds["bad_magic.model"] = patched(0, "<B", ord("X"))
    seeds["bad_kind.model"] = patched(4, "<4s", b"SEG1")
    seeds["bad_format.model"] = patched(8, "<I", 2)
    seeds["bad_version.model"] = patched(12, "<I", 2)
    seeds["too_many_sections.model"] = patched(32, "<I", 65)
    seeds["table_past_end.model"] = patched(32, "<I", 40)
    seeds["bad_size.model"] = patched(24, "<Q", len(good) + 1, refix=False)
    seeds["bad_checksum.model"] = patched(16, "<Q", 0x0123456789ABCDEF, refix=False)
    seeds["section_out_of_bounds.model"] = patched(head + 16, "<Q", len(good))
    seeds["bad_alignment.model"] = patched(head + 32, "<I", 3)
    seeds["duplicate_section.model"] = patched(head + entry, "<16s", b"weights")
    seeds["missing_section.model"] = patched(head + entry, "<16s", b"zzz")
    params_off = struct.unpack_from("<Q", good, head + 16)[0]
    seeds["wrong_weight_count.model"] = patched(params_off, "<I", 18)
    seeds["weight_out_of_range.model"] = patched(params_off + 4, "<i", 100001)
    counts_off = struct.unpack_from("<Q", good, head + entry + 16)[0]
    table_head = container.TABLE_HEADER_SIZE
    seeds["too_many_buckets.model"] = patched(counts_off, "<I", 29)
    seeds["table_truncated.model"] = patched(counts_off + 4, "<I", 1000)
    seeds["table_width.model"] = patched(counts_off + 16, "<I", 2)
    seeds["offsets_not_zero.model"] = patched(counts_off + table_head, "<I", 1)
    seeds["offsets_past_n.model"] = patched(counts_off + table_head + 4, "<I", 1)
    seeds["truncated_header.model"] = good[:head - 1]

    # The real model's first bytes (header; header and section table; more):
    # the header checks pass once the fuzzer fixes size and checksum, the
    # sections then lie past the end.
    with open(os.path.join(ROOT, "data", "segment", "segment.model"), "rb") as f:
        real_bytes = f.read()
    for n in (40, 280, 1024):
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
          "overrides %d" % (len(seeds), total, OUT, *(len(tables[name]) for name in TABLES)))


if __name__ == "__main__":
    main()
