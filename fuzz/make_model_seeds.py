#!/usr/bin/env python3
"""Writes the seeds of the model fuzz target, fuzz/corpus/model/.

usage: /usr/bin/python3 fuzz/make_model_seeds.py

The seeds are small containers of kind FUZZ, version 1 (what model_fuzzer.cc
opens), written by tools/model/container.py: tables of 1-, 2- and 4-byte
values, one bucket and many, empty tables and sections, alignments 1 to 64,
sections out of table order; and one corruption per header check. small.model
is also read by src/model/model_test.cc (PythonWriterAgrees), which knows its
values: keep them.
"""
import os
import struct
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
sys.path.insert(0, os.path.join(ROOT, "tools", "model"))
import container as c  # noqa: E402

OUT = os.path.join(FUZZ, "corpus", "model")
KIND, VERSION = "FUZZ", 1


def main():
    # The keys model_fuzzer.cc looks up (kKeys), and their values.
    values = {1: {"كتاب": 7, "قلم": 255, "a": 0},
              2: {"كتاب": 700, "قلم": 65535, "a": 0},
              4: {"كتاب": 70000, "قلم": 4294967295, "a": 0}}
    seeds = {}
    seeds["small.model"] = c.container(KIND, VERSION, [
        ("u8", c.table(values[1], 1), 8),
        ("u16", c.table(values[2], 2, width=2), 8),
        ("u32", c.table(values[4], 3, width=4), 8),
        ("about", b"a small model for the model fuzzer\n", 1),
    ])
    seeds["empty.model"] = c.container(KIND, VERSION, [])
    seeds["empty_sections.model"] = c.container(KIND, VERSION, [
        ("a", b"", 1), ("b", b"", 64), ("t", c.table({}, 0, bits=0), 4)])
    words = {"%s%d" % (w, i): (i * 37) % 256 for i in range(200)
             for w in ("كتاب", "ولد", "x")}
    seeds["many_buckets.model"] = c.container(KIND, VERSION, [
        ("words", c.table(words, 0x636f756e74730000), 8)])
    seeds["one_bucket.model"] = c.container(KIND, VERSION, [
        ("words", c.table(values[2], 5, width=2, bits=0), 2)])
    seeds["alignments.model"] = c.container(KIND, VERSION, [
        ("x%d" % a, bytes(range(a % 7 + 1)), a) for a in (1, 2, 4, 8, 16, 32, 64)])
    # Out of order: the table's first entry lies last in the file.
    good = seeds["small.model"]
    kind, version, secs = c.read(good, KIND)
    entries = [struct.unpack_from("<16sQQII", good, c.HEADER_SIZE + c.ENTRY_SIZE * i)
               for i in range(len(secs))]
    swapped = bytearray(good)
    for i, e in enumerate(reversed(entries)):
        struct.pack_into("<16sQQII", swapped, c.HEADER_SIZE + c.ENTRY_SIZE * i, *e)
    seeds["reversed_table.model"] = fix(swapped)

    def patched(offset, fmt, value, refix=True):
        d = bytearray(good)
        struct.pack_into(fmt, d, offset, value)
        return fix(d) if refix else bytes(d)

    e1 = c.HEADER_SIZE + c.ENTRY_SIZE
    seeds["bad_magic.model"] = patched(0, "<B", ord("X"))
    seeds["bad_kind.model"] = patched(4, "<4s", b"SEGM")
    seeds["bad_format.model"] = patched(8, "<I", 2)
    seeds["bad_version.model"] = patched(12, "<I", 2)
    seeds["bad_checksum.model"] = patched(16, "<Q", 0x0123456789ABCDEF, refix=False)
    seeds["bad_size.model"] = patched(24, "<Q", len(good) + 1, refix=False)
    seeds["too_many_sections.model"] = patched(32, "<I", 65)
    seeds["table_past_end.model"] = patched(32, "<I", 60)
    seeds["bad_name.model"] = patched(e1, "<B", ord("U"))
    seeds["bad_alignment.model"] = patched(e1 + 32, "<I", 3)
    seeds["section_past_end.model"] = patched(e1 + 24, "<Q", len(good))
    seeds["overlap.model"] = patched(e1 + 16, "<Q", entries[0][1])
    table_off = entries[0][1]
    seeds["table_bits.model"] = patched(table_off, "<I", 29)
    seeds["table_width.model"] = patched(table_off + 16, "<I", 3)
    seeds["table_offsets.model"] = patched(table_off + c.TABLE_HEADER_SIZE + 4, "<I", 9)
    seeds["truncated.model"] = good[:len(good) // 2]

    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    for name, data in sorted(seeds.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d seeds, %d bytes, to %s" % (len(seeds), sum(map(len, seeds.values())), OUT))


def fix(data):
    """Rewrites the size and checksum fields for the bytes as they are."""
    data = bytearray(data)
    struct.pack_into("<Q", data, 24, len(data))
    struct.pack_into("<Q", data, 16, c.checksum(bytes(data[24:])))
    return bytes(data)


if __name__ == "__main__":
    main()
