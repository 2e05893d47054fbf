#!/usr/bin/python3
"""Tests of bench/run.py's agreement checks, with stand-ins for the peers.

A check must stop the benchmark when it cannot compare: a peer that writes
nothing, fewer lines than it was given, or fails (NLTK missing) must not pass
for one that agrees. One stand-in script plays lucene_peer, dhad, stem_driver
and NLTK; FAKE_<MODE> in the environment makes one mode misbehave.

    /usr/bin/python3 bench/run_test.py
"""
import importlib.util
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.dont_write_bytecode = True  # no bench/__pycache__ in the source tree

spec = importlib.util.spec_from_file_location(
    "bench_run", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.py"))
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)

# Mode = the last argument: tokens | normalize | stem (lucene_peer), lucene
# (dhad normalize --profile lucene), light10 | isri (stem_driver), nltk. Writes
# its input lines back (tokens: one per line), unless FAKE_<MODE> says
# empty | short (the last line left out) | differ (the first line changed) | fail.
STAND_IN = r'''#!/usr/bin/python3
import os, sys
mode = sys.argv[-1]
data = sys.stdin.buffer.read()
lines = data.split() if mode == "tokens" else data.split(b"\n")[:-1]
how = os.environ.get("FAKE_" + mode.upper(), "")
if how == "fail":
    sys.stderr.write("stand-in: %s fails\n" % mode)
    sys.exit(3)
if how == "empty":
    lines = []
elif how == "short":
    lines = lines[:-1]
elif how == "differ":
    lines = [b"x" + lines[0]] + lines[1:]
sys.stdout.buffer.write(b"".join(line + b"\n" for line in lines))
'''


class AgreementTest(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.exe = os.path.join(tmp.name, "stand_in")
        with open(self.exe, "w") as f:
            f.write(STAND_IN)
        os.chmod(self.exe, 0o755)
        self.input = os.path.join(tmp.name, "input.txt")
        with open(self.input, "wb") as f:
            f.write("كتب الكتاب\nوالكتاب كتب مكتبة\n".encode("utf-8"))
        patcher = mock.patch.object(run, "NLTK_ISRI", [self.exe, "nltk"])
        patcher.start()
        self.addCleanup(patcher.stop)

    def lucene(self, **fake):
        with mock.patch.dict(os.environ, {"FAKE_" + k.upper(): v for k, v in fake.items()}):
            return run.check_lucene_agreement(self.exe, self.exe, self.input)

    def stem(self, **fake):
        with mock.patch.dict(os.environ, {"FAKE_" + k.upper(): v for k, v in fake.items()}):
            return run.check_stem_agreement(self.exe, self.exe, self.input)

    def test_agreeing_peers_pass(self):
        self.assertEqual((5, 0), self.lucene())
        self.assertEqual([("light10", "Lucene++ ArabicStemFilter", 4, 0),
                          ("isri", "NLTK ISRIStemmer", 4, 0)], self.stem())

    def test_a_difference_is_counted(self):
        self.assertEqual((5, 1), self.lucene(normalize="differ"))
        self.assertEqual(1, self.stem(isri="differ")[1][3])

    def test_no_tokens_fails(self):
        for check in (self.lucene, self.stem):
            with self.assertRaisesRegex(run.AgreementError, "wrote no token"):
                check(tokens="empty")

    def test_a_peer_that_writes_nothing_fails(self):
        with self.assertRaisesRegex(run.AgreementError, "Lucene.. wrote 0 lines for 5 tokens"):
            self.lucene(normalize="empty")
        with self.assertRaisesRegex(run.AgreementError, "Lucene.. wrote 0 lines for 4 tokens"):
            self.stem(stem="empty")
        with self.assertRaisesRegex(run.AgreementError, "NLTK wrote 0 lines for 4 tokens"):
            self.stem(nltk="empty")

    def test_a_peer_with_fewer_lines_fails(self):
        with self.assertRaisesRegex(run.AgreementError, "Lucene.. wrote 4 lines for 5 tokens"):
            self.lucene(normalize="short")
        with self.assertRaisesRegex(run.AgreementError, "NLTK wrote 3 lines for 4 tokens"):
            self.stem(nltk="short")

    def test_dhad_with_fewer_lines_fails(self):
        with self.assertRaisesRegex(run.AgreementError, "dhad wrote 4 lines for 5 tokens"):
            self.lucene(lucene="short")
        with self.assertRaisesRegex(run.AgreementError, "dhad wrote 3 lines for 4 tokens"):
            self.stem(isri="short")

    def test_a_failing_peer_fails(self):
        with self.assertRaisesRegex(run.AgreementError, "lucene_peer normalize exited with 3"):
            self.lucene(normalize="fail")
        with self.assertRaisesRegex(run.AgreementError, "python3-nltk.*exited with 3"):
            self.stem(nltk="fail")

    def test_nltk_missing_fails(self):
        # bench/peers/nltk_isri.py itself, where `import nltk` fails.
        with tempfile.TemporaryDirectory() as no_nltk:
            os.mkdir(os.path.join(no_nltk, "nltk"))
            with open(os.path.join(no_nltk, "nltk", "__init__.py"), "w") as f:
                f.write("raise ImportError('no NLTK here')\n")
            nltk = [run.PYTHON, os.path.join(run.ROOT, "bench/peers/nltk_isri.py")]
            with mock.patch.object(run, "NLTK_ISRI", nltk), \
                    mock.patch.dict(os.environ, {"PYTHONPATH": no_nltk}):
                with self.assertRaisesRegex(run.AgreementError,
                                            "python3-nltk.*exited with 1: ImportError: no NLTK"):
                    self.stem()
        with mock.patch.object(run, "NLTK_ISRI", ["/nonexistent/python3"]):
            with self.assertRaisesRegex(run.AgreementError, "python3-nltk.*could not run"):
                self.stem()


if __name__ == "__main__":
    unittest.main()
