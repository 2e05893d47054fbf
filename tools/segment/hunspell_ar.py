"""Selective expansion of Debian's hunspell-ar (Ayaspell) dictionary.

Expanding every affix rule of ar.aff gives tens of millions of forms, almost
all of them clitic combinations. The segmenter needs the opposite: the forms a
word takes *without* clitics. So this expander applies only the inflectional
rules and records, for each form, what it is:

  * prefixes (PFX) are all clitics in ar.aff (و ف ب ك ل س, interrogative أ and
    the article); only the bare article ال is kept, as a flag on the form;
  * suffix rules are inflection (dual, plural, nisba, tanween, verb endings) or
    pronoun enclitics; pronoun rules are the lower-case noun flags (aa..ff),
    the verb flags whose second letter is a..i (the x flags are the verb
    endings alone), and the noun rules that add ه/ته directly (AC, AD, and the
    ته/يته rules of BC, BD, LC, MC);
  * the unflagged closed-class lists at the top of ar.dic come pre-expanded
    with clitics (وبغير, لغيرهم): a word there that is a clitic combination of
    another listed word is dropped.

Only the standard library is used.
"""
import re

IGNORE = dict.fromkeys(map(ord, "\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u0670\u064b"))

PRONOUN_NOUN_FLAGS = {"aa", "bb", "cc", "dd", "ee", "ff", "AC", "AD"}
PRONOUN_IF_HEH = {"BC", "BD", "LC", "MC"}


def clean(s):
    return s.translate(IGNORE)


class Rule:
    __slots__ = ("flag", "strip", "add", "cont", "cond", "pronoun")

    def __init__(self, flag, strip, add, cont, cond, pronoun):
        self.flag, self.strip, self.add, self.cont = flag, strip, add, cont
        self.cond, self.pronoun = cond, pronoun


def _is_pronoun_rule(kind, flag, strip, add):
    if kind != "SFX":
        return False
    if strip == "" and add == "":
        return False  # identity rule: the form keeps no pronoun
    if flag in PRONOUN_NOUN_FLAGS:
        return True
    if flag in PRONOUN_IF_HEH and add.endswith("ه"):
        return True
    return bool(re.fullmatch(r"[A-Z][a-i]", flag))


def _split_flags(s):
    return [s[i:i + 2] for i in range(0, len(s) - 1, 2)]


class Affixes:
    def __init__(self, aff_path):
        self.af = [None]  # AF aliases, 1-based
        self.am = [None]
        self.pfx = {}
        self.sfx = {}
        self.cross = {}
        with open(aff_path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for line in lines:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "AF" and len(parts) >= 2 and not parts[1].isdigit():
                self.af.append(_split_flags(parts[1]))
            elif parts[0] == "AM" and len(parts) >= 2 and not parts[1].isdigit():
                self.am.append(" ".join(parts[1:]))
            elif parts[0] in ("PFX", "SFX") and len(parts) >= 4:
                kind, flag = parts[0], parts[1]
                if len(parts) == 4 and parts[2] in ("Y", "N") and parts[3].isdigit():
                    self.cross[flag] = parts[2] == "Y"
                    continue
                strip = "" if parts[2] == "0" else clean(parts[2])
                addf = parts[3].split("/", 1)
                add = "" if addf[0] == "0" else clean(addf[0])
                cont = []
                if len(addf) == 2 and addf[1]:
                    cont = self.flags_of(addf[1])
                cond = parts[4] if len(parts) >= 5 else "."
                cond = clean(cond) or "."
                if kind == "PFX":
                    rx = re.compile("^" + cond)
                else:
                    rx = re.compile(cond + "$")
                table = self.pfx if kind == "PFX" else self.sfx
                table.setdefault(flag, []).append(
                    Rule(flag, strip, add, cont, rx, _is_pronoun_rule(kind, flag, strip, add)))

    def flags_of(self, s):
        if s.isdigit():
            i = int(s)
            return self.af[i] if 0 < i < len(self.af) else []
        return _split_flags(s)

    def article_flags(self):
        """PFX flags with a rule that adds the bare article ال."""
        return {f for f, rules in self.pfx.items() if any(r.add == "ال" and r.strip == "" for r in rules)}


def _apply_sfx(rule, word):
    if rule.strip and not word.endswith(rule.strip):
        return None
    if not rule.cond.search(word):
        return None
    base = word[: len(word) - len(rule.strip)] if rule.strip else word
    return base + rule.add


CLOSED_SECTIONS = {"stopwords.dic", "tools.dic"}


def read_dic(dic_path, aff):
    """Yields (word, flags, morph, section) for each entry of ar.dic; ar.dic is
    a concatenation of files, each introduced by a '::::' line and its name."""
    section = ""
    with open(dic_path, encoding="utf-8") as f:
        first = True
        after_rule = False
        for line in f:
            line = line.rstrip("\n")
            if first:
                first = False
                continue
            if line.startswith("::::"):
                after_rule = not after_rule
                continue
            if after_rule:
                section = line.strip()
                continue
            if not line or line[0] in "#:" or line[0].isdigit():
                continue
            fields = line.split("\t")
            head = fields[0].strip()
            morph = ""
            if len(fields) > 1 and fields[1].strip().isdigit():
                i = int(fields[1].strip())
                if 0 < i < len(aff.am):
                    morph = aff.am[i]
            if "/" in head:
                word, fl = head.split("/", 1)
                flags = aff.flags_of(fl)
            else:
                word, flags = head, []
            word = clean(word.strip())
            if " " in word or not word:
                continue
            yield word, flags, morph, section


PAST_ONLY = {"Dx", "Fx", "Kx", "Lx", "Mx", "Nx"}

PROCLITIC_SEQS = ["و", "ف", "ب", "ك", "ل", "س", "وب", "وك", "ول", "وس", "فب", "فك", "فل", "فس",
                  "أ", "أو", "أف", "أب", "أك", "أل", "يا"]
ENCLITICS = ["ه", "ها", "هم", "هما", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا"]


def expand(dic_path, aff_path):
    """Returns {form: kind_bits}: bit 0 bare form, bit 1 takes the article,
    bit 2 verb, bit 3 imperfect verb, bit 4 closed-class list word, bit 5 noun
    (or adjective, name)."""
    aff = Affixes(aff_path)
    art = aff.article_flags()
    out = {}
    unflagged = []

    def put(form, bits):
        if form:
            out[form] = out.get(form, 0) | bits

    closed = set()
    for word, flags, morph, section in read_dic(dic_path, aff):
        if section in CLOSED_SECTIONS:
            closed.add(word)
        if not flags:
            unflagged.append(word)
            continue
        verb = "po:verb" in morph or any(re.fullmatch(r"[A-Z]x", f) for f in flags)
        imperf = "is:prst" in morph or (verb and word[:1] in "يتنأ" and "is:pst" not in morph)
        vbits = (4 | (8 if imperf else 0)) if verb else 32
        if imperf and "is:pst" not in morph:
            # The verb AF lists mix past and imperfect endings; an imperfect
            # stem takes no past-tense ending (ت تا تم تما تن نا).
            flags = [f for f in flags if f not in PAST_ONLY]
        fset = set(flags)
        cbits = 16 if section in CLOSED_SECTIONS and not _derived(word, closed) else 0
        put(word, 1 | vbits | cbits | (2 if fset & art else 0))
        for f in flags:
            for r in aff.sfx.get(f, ()):
                if r.pronoun:
                    continue
                w1 = _apply_sfx(r, word)
                if w1 is None:
                    continue
                c1 = set(r.cont)
                put(w1, 1 | vbits | (2 if (c1 | fset) & art else 0))
                for f2 in r.cont:
                    for r2 in aff.sfx.get(f2, ()):
                        if r2.pronoun:
                            continue
                        w2 = _apply_sfx(r2, w1)
                        if w2 is None or w2 == w1:
                            continue
                        put(w2, 1 | vbits | (2 if (set(r2.cont) | c1 | fset) & art else 0))
    # Closed-class lists: keep a word unless it is clitics + another listed word.
    listed = set(unflagged) | closed
    for w in unflagged:
        if not _derived(w, listed):
            put(w, 1 | 16)
    return out


def _derived(w, listed):
    for p in [""] + PROCLITIC_SEQS:
        if not w.startswith(p):
            continue
        rest = w[len(p):]
        if len(rest) < 2:
            continue
        if p and rest in listed:
            return True
        for e in ENCLITICS:
            if rest.endswith(e) and len(rest) > len(e):
                stem = rest[: -len(e)]
                for s in (stem, stem[:-1] + "ى" if stem.endswith("ي") else None,
                          stem[:-1] + "ة" if stem.endswith("ت") else None):
                    if s and len(s) >= 2 and s in listed and s != w:
                        return True
        if p and rest.startswith("ل") and "ال" + rest[1:] in listed:
            return True
    return False
