#!/usr/bin/env python3
"""Generates dhad's Unicode tables from the UCD and data/normalize/rules.tsv.

usage: tools/gen/gen_tables.py [--ucd DIR] [--check]

Writes src/unicode/char_class_data.inc and src/normalize/rule_data.inc.
--check regenerates into memory and exits 1 if a committed file differs (CI).
The UCD version is pinned in UCD_VERSION below; the script refuses another.
"""
import argparse
import os
import re
import sys

UCD_VERSION = "15.0.0"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMAND = "tools/gen/gen_tables.py"

# Must match enum class CharClass in src/unicode/char_class.h.
CLASSES = ["kOther", "kSpace", "kArabicLetter", "kLatinLetter", "kLetter", "kMark",
           "kDigit", "kPunct", "kSymbol", "kEmoji", "kEmojiModifier",
           "kRegionalIndicator", "kTatweel", "kJoiner", "kFormat", "kControl"]
C = {name: i for i, name in enumerate(CLASSES)}

# Must match enum class Rule in include/dhad/normalize.h (bit positions).
RULES = ["presentation_forms", "tatweel", "harakat", "dagger_alef", "quranic_marks",
         "invisibles", "spaces", "collapse_whitespace", "persian", "digits",
         "punctuation", "alef", "alef_wasla", "alef_maksura", "teh_marbuta",
         "hamza_seats"]


def parse_ranges(path):
    """Yields (first, last, fields) for each data line of a UCD property file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            cps = fields[0].split("..")
            first = int(cps[0], 16)
            last = int(cps[-1], 16)
            yield first, last, fields[1:]


def read_unicode_data(ucd):
    """Returns (general category per code point, decomposition per code point)."""
    gc = {}
    decomp = {}
    pending_first = None
    with open(os.path.join(ucd, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp = int(fields[0], 16)
            name, cat = fields[1], fields[2]
            if name.endswith(", First>"):
                pending_first = cp
                continue
            if name.endswith(", Last>"):
                for x in range(pending_first, cp + 1):
                    gc[x] = cat
                continue
            gc[cp] = cat
            if fields[5]:
                decomp[cp] = fields[5]
    return gc, decomp


def check_version(ucd):
    with open(os.path.join(ucd, "ReadMe.txt"), encoding="utf-8") as f:
        head = f.read()
    derived = os.path.join(ucd, "DerivedAge.txt")
    with open(derived, encoding="utf-8") as f:
        first = f.readline()
    m = re.search(r"DerivedAge-(\d+\.\d+\.\d+)", first)
    version = m.group(1) if m else "unknown"
    if version != UCD_VERSION:
        sys.exit(f"{COMMAND}: UCD in {ucd} is {version}, pinned {UCD_VERSION}")
    return head


def char_classes(ucd):
    gc, _ = read_unicode_data(ucd)
    script = {}
    for first, last, f in parse_ranges(os.path.join(ucd, "Scripts.txt")):
        for cp in range(first, last + 1):
            script[cp] = f[0]
    white = set()
    for first, last, f in parse_ranges(os.path.join(ucd, "PropList.txt")):
        if f[0] == "White_Space":
            white.update(range(first, last + 1))
    pictographic, modifier, regional = set(), set(), set()
    for first, last, f in parse_ranges(os.path.join(ucd, "emoji", "emoji-data.txt")):
        rng = range(first, last + 1)
        if f[0] == "Extended_Pictographic":
            pictographic.update(rng)
        elif f[0] == "Emoji_Modifier":
            modifier.update(rng)
    regional.update(range(0x1F1E6, 0x1F1FF + 1))

    classes = [C["kOther"]] * 0x110000
    for cp in range(0x110000):
        cat = gc.get(cp, "Cn")
        if cp in white:
            k = "kSpace"
        elif cp == 0x0640:
            k = "kTatweel"
        elif cp in (0x200C, 0x200D):
            k = "kJoiner"
        elif cp in regional:
            k = "kRegionalIndicator"
        elif cp in modifier:
            k = "kEmojiModifier"
        elif cp in pictographic and cat not in ("Cn",) and cp > 0xFF:
            # Latin-1 © and ® are Extended_Pictographic but are symbols in text.
            k = "kEmoji"
        elif cat[0] == "L":
            s = script.get(cp, "Unknown")
            k = "kArabicLetter" if s == "Arabic" else "kLatinLetter" if s == "Latin" else "kLetter"
        elif cat[0] == "M":
            k = "kMark"
        elif cat == "Nd":
            k = "kDigit"
        elif cat[0] == "P":
            k = "kPunct"
        elif cat[0] == "S":
            k = "kSymbol"
        elif cat == "Cf":
            k = "kFormat"
        elif cat == "Cc":
            k = "kControl"
        else:
            k = "kOther"
        classes[cp] = C[k]
    return classes


def two_stage(values, block_bits=8):
    """Splits values into (stage1 block index per block, deduplicated blocks)."""
    size = 1 << block_bits
    blocks, index, stage1 = [], {}, []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in index:
            index[block] = len(blocks)
            blocks.append(block)
        stage1.append(index[block])
    return stage1, blocks


def header(what):
    return (f"// GENERATED by {COMMAND} from UCD {UCD_VERSION} and data/normalize/rules.tsv"
            " — DO NOT EDIT\n"
            f"// Regenerate: python3 {COMMAND} (CI runs it with --check).\n"
            f"// {what}\n")


def emit_char_classes(classes):
    stage1, blocks = two_stage(classes)
    out = [header("Character classes: class = kStage2[kStage1[cp >> 8] * 256 + (cp & 0xFF)].")]
    out.append(f"inline constexpr uint8_t kStage1[{len(stage1)}] = {{\n")
    for i in range(0, len(stage1), 24):
        out.append("    " + ", ".join(str(x) for x in stage1[i:i + 24]) + ",\n")
    out.append("};\n")
    flat = [v for b in blocks for v in b]
    out.append(f"inline constexpr uint8_t kStage2[{len(flat)}] = {{\n")
    for i in range(0, len(flat), 32):
        out.append("    " + ",".join(str(x) for x in flat[i:i + 32]) + ",\n")
    out.append("};\n")
    assert len(blocks) < 256
    return "".join(out)


def read_rules():
    rules = []
    with open(os.path.join(ROOT, "data", "normalize", "rules.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 4 or cols[0] not in RULES:
                sys.exit(f"rules.tsv:{n}: want rule<TAB>from<TAB>to<TAB>comment")
            rule, src, dst, _ = cols
            a, _, b = src.partition("..")
            first, last = int(a, 16), int(b or a, 16)
            if ".." in dst:
                d0, d1 = (int(x, 16) for x in dst.split(".."))
                if d1 - d0 != last - first:
                    sys.exit(f"rules.tsv:{n}: ranges differ in length")
                for i in range(last - first + 1):
                    rules.append((first + i, rule, [d0 + i]))
            else:
                to = [int(x, 16) for x in dst.split()]
                for cp in range(first, last + 1):
                    rules.append((cp, rule, to))
    return rules


def presentation_form_rules(ucd):
    _, decomp = read_unicode_data(ucd)
    rules = []
    for cp in sorted(decomp):
        if not (0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF):
            continue
        d = decomp[cp].split()
        if not d[0].startswith("<"):
            continue  # canonical decompositions: none in these blocks
        rules.append((cp, "presentation_forms", [int(x, 16) for x in d[1:]]))
    return rules


def emit_rules(rules):
    out = [header("Normalization rules: {code point, rule, replacement (UTF-8)}; "
                  "an empty replacement deletes.")]
    out.append(f"inline constexpr RuleEntry kRuleEntries[{len(rules)}] = {{\n")
    for cp, rule, to in rules:
        utf8 = "".join(chr(x) for x in to).encode("utf-8")
        lit = "".join(f"\\x{b:02X}" for b in utf8)
        out.append(f"    {{0x{cp:04X}, Rule::k{camel(rule)}, \"{lit}\", {len(utf8)}}},\n")
    out.append("};\n")
    return "".join(out)


def camel(name):
    return "".join(p.capitalize() for p in name.split("_"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ucd", default="/usr/share/unicode", help="UCD folder (Debian unicode-data)")
    ap.add_argument("--check", action="store_true", help="fail if committed files differ")
    args = ap.parse_args()
    check_version(args.ucd)
    outputs = {
        "src/unicode/char_class_data.inc": emit_char_classes(char_classes(args.ucd)),
        "src/normalize/rule_data.inc": emit_rules(presentation_form_rules(args.ucd) + read_rules()),
    }
    stale = []
    for rel, text in outputs.items():
        path = os.path.join(ROOT, rel)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(rel)
            except FileNotFoundError:
                stale.append(rel)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        sys.exit("generated tables are stale: " + ", ".join(stale) + f"; run {COMMAND}")


if __name__ == "__main__":
    main()
