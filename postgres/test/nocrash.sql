-- No crash on any value: thousands of random and adversarial values, then
-- 100 MB ones, through every function of the extension and both
-- configurations. Run by tests/postgres_test.sh with psql -v ON_ERROR_STOP=1
-- on a database of its own: any error stops it, and a backend that crashed
-- ends the session, so either fails the test. Every check that can fail
-- raises an exception naming it.
CREATE EXTENSION dhad;
SELECT setseed(0.1406) \g /dev/null

-- One code point, drawn from classes that exercise different paths: Arabic
-- letters, the whole Arabic block, ASCII, spaces of every kind, marks and
-- tatweel, joiners and bidi controls, presentation forms, digits, emoji,
-- other scripts, and anything at all.
CREATE FUNCTION random_char() RETURNS text VOLATILE LANGUAGE plpgsql AS $$
DECLARE
  r float8 := random();
  c int;
BEGIN
  c := CASE
    WHEN r < 0.30 THEN 1569 + floor(random() * 42)                -- ء..ي
    WHEN r < 0.40 THEN 1536 + floor(random() * 256)               -- U+0600..06FF
    WHEN r < 0.50 THEN 32 + floor(random() * 95)                  -- ASCII
    WHEN r < 0.58 THEN (ARRAY[32, 32, 10, 9, 13, 160, 8203, 12288, 11, 12])[1 + floor(random() * 10)]
    WHEN r < 0.64 THEN 1611 + floor(random() * 11)                -- harakat, U+064B..0655
    WHEN r < 0.68 THEN (ARRAY[1600, 8204, 8205, 8206, 8207, 8234, 8238, 8294, 8297, 65279,
                              173, 1564])[1 + floor(random() * 12)]
    WHEN r < 0.74 THEN 64336 + floor(random() * 688)              -- U+FB50..FDFF
    WHEN r < 0.77 THEN 65136 + floor(random() * 144)              -- U+FE70..FEFF
    WHEN r < 0.81 THEN (ARRAY[1632, 1776, 48])[1 + floor(random() * 3)] + floor(random() * 10)
    WHEN r < 0.85 THEN 127744 + floor(random() * 1792)            -- emoji
    WHEN r < 0.88 THEN (ARRAY[35, 64, 46, 47, 58, 37, 1642, 1643, 1644, 8205, 65039, 127995])
                         [1 + floor(random() * 12)]               -- # @ . / : % and joiners
    WHEN r < 0.93 THEN 160 + floor(random() * 1200)               -- Latin, Greek, Hebrew...
    ELSE 1 + floor(random() * 1114110)
  END;
  IF c BETWEEN 55296 AND 57343 THEN
    c := 65533;  -- chr() refuses surrogates
  END IF;
  RETURN chr(c);
END
$$;

CREATE TABLE inputs (id serial PRIMARY KEY, v text);

-- 4000 random strings of 0 to 120 code points.
INSERT INTO inputs (v)
SELECT (SELECT coalesce(string_agg(random_char(), ''), '') FROM generate_series(1, g % 121))
FROM generate_series(1, 4000) AS g;

-- Every code point of the Arabic blocks, alone and inside a word with
-- clitics, repeated (U+0600..06FF, 0750..077F, 08A0..08FF, FB50..FDFF,
-- FE70..FEFF).
INSERT INTO inputs (v)
SELECT x
FROM (SELECT chr(c) AS ch
      FROM generate_series(1536, 1791) c
      UNION ALL SELECT chr(c) FROM generate_series(1872, 1919) c
      UNION ALL SELECT chr(c) FROM generate_series(2208, 2303) c
      UNION ALL SELECT chr(c) FROM generate_series(64336, 65023) c
      UNION ALL SELECT chr(c) FROM generate_series(65136, 65279) c) AS cps,
     LATERAL (VALUES (ch), ('وبال' || ch || 'مدرسة' || ch || ch), (repeat(ch, 9) || ' ' || ch)) AS v(x);

-- Edge cases by hand: empty, blanks only, marks with no letter, long runs,
-- a token longer than the parser's 64 KB chunk, glued digits, near-URLs, NULL.
INSERT INTO inputs (v) VALUES
  (''), (' '), (E'\n\n\t'), (repeat(' ', 70000)), (repeat(chr(1611), 500)),
  (repeat(chr(1600), 500)), (repeat(chr(8205), 500)), (repeat('ب', 70000)),
  (repeat('ال', 40000)), (repeat('و', 3)), ('و'), ('ال'), ('ﻻ'), (repeat('٢٧٠الف', 5000)),
  ('http://' || repeat('ا', 3000)), (repeat('#', 5000)), (repeat('@', 5000)),
  (repeat('#وسم', 3000)), (repeat('a@b.', 3000)), (repeat('👨‍👩‍👧', 2000)), (repeat('🇸🇦', 2000)),
  (repeat(chr(65533), 1000)), (repeat(E'\r', 1000)), (chr(1114111)), (repeat(chr(917505), 100)),
  (repeat('ب ', 40000)), (repeat(repeat('ب', 2047) || ' ', 40)), (repeat('ب', 2048)), (NULL);

-- Bytes from outside: convert_from over random byte strings. As UTF8,
-- PostgreSQL rejects whatever is not valid (so the functions only ever see
-- valid UTF-8); as WIN1256 (Arabic Windows) and LATIN1 they become text.
CREATE TABLE conversions (tried int, refused int);
DO $$
DECLARE
  b bytea;
  tried int := 0;
  refused int := 0;
  encodings text[] := ARRAY['UTF8', 'WIN1256', 'LATIN1'];
  edge bytea[] := ARRAY['\xc0af', '\xeda080', '\xf4908080', '\xf880808080', '\xd8', '\xd8a7d8',
                        '\xefbbbf', '\xe0808f', '\xff', '\xd9']::bytea[];
  enc text;
BEGIN
  FOR i IN 1..1500 LOOP
    IF i <= array_length(edge, 1) THEN
      b := edge[i];
    ELSE
      SELECT decode(string_agg(lpad(to_hex(CASE WHEN random() < 0.5
                                                THEN 216 + floor(random() * 4)::int
                                                ELSE floor(random() * 256)::int END), 2, '0'), ''),
                    'hex')
        INTO b FROM generate_series(1, 1 + i % 40);
    END IF;
    enc := encodings[1 + i % 3];
    tried := tried + 1;
    BEGIN
      INSERT INTO inputs (v) VALUES (convert_from(b, enc));
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
      refused := refused + 1;
    END;
  END LOOP;
  INSERT INTO conversions VALUES (tried, refused);
END
$$;

-- A filtering dictionary (Filter) chained into Snowball's stemmer, with the
-- corrector on, so that split words (two lexemes, not handed on) come by.
CREATE TEXT SEARCH DICTIONARY dhad_chain_words
  (TEMPLATE = dhad_template, Normalize = search, Correct = true, Stemmer = none, Filter = true);
CREATE TEXT SEARCH CONFIGURATION dhad_chain (COPY = dhad_arabic);
ALTER TEXT SEARCH CONFIGURATION dhad_chain ALTER MAPPING FOR arabic WITH dhad_chain_words, arabic_stem;

-- Every function and configuration on every value. Any error stops the run;
-- the checks below then hold for every row. (Notices about words too long to
-- index and queries without lexemes are expected here and not shown.)
SET client_min_messages = warning;
CREATE TABLE outputs AS
SELECT id, v ~ '^\s*$' AS blank,
       -- a run of at most 200 Arabic letters (longer words are not indexed)
       v ~ '(^|[^ء-غف-ي])[ء-غف-ي]{1,200}([^ء-غف-ي]|$)' AS arabic,
       num_nulls(dhad_normalize(v), dhad_normalize(v, 'lucene'), dhad_normalize(v, 'camel'),
                 dhad_normalize(v, 'search'), dhad_segment(v), dhad_stem(v),
                 dhad_stem(v, 'isri'), dhad_correct(v),
                 to_tsvector('dhad_arabic_correct', v), to_tsvector('dhad_chain', v),
                 websearch_to_tsquery('dhad_arabic', v), plainto_tsquery('dhad_chain', v),
                 phraseto_tsquery('dhad_arabic_correct', v),
                 ts_headline('dhad_arabic', v, plainto_tsquery('dhad_arabic', left(v, 20))))
         AS nulls,
       length(to_tsvector('dhad_arabic', v)) AS lexemes,
       numnode(plainto_tsquery('dhad_arabic', v)) AS query_nodes,
       (SELECT coalesce(string_agg(token, '' ORDER BY ord), '')
        FROM ts_parse('dhad_parser', v) WITH ORDINALITY AS t(tokid, token, ord)) = v AS lossless,
       (SELECT count(*) FROM ts_debug('dhad_arabic', v)) AS debug_rows
FROM inputs;
RESET client_min_messages;

DO $$
DECLARE
  n int;
  r record;
BEGIN
  SELECT count(*) INTO n FROM inputs;
  IF n < 8000 THEN
    RAISE EXCEPTION 'only % inputs', n;
  END IF;
  SELECT count(*) INTO n FROM outputs JOIN inputs USING (id)
  WHERE nulls <> CASE WHEN v IS NULL THEN 14 ELSE 0 END;
  IF n > 0 THEN
    RAISE EXCEPTION '% values gave a NULL (or NULL gave a value)', n;
  END IF;
  -- The parser is lossless: its tokens and blanks are the value, byte for byte.
  SELECT count(*) INTO n FROM outputs JOIN inputs USING (id)
  WHERE v IS NOT NULL AND lossless IS NOT TRUE;
  IF n > 0 THEN
    RAISE EXCEPTION 'the parser lost or changed bytes of % values', n;
  END IF;
  -- Blank-only values have no lexemes; a value with an Arabic word has some.
  SELECT count(*) INTO n FROM outputs WHERE blank AND (lexemes > 0 OR query_nodes > 0);
  IF n > 0 THEN
    RAISE EXCEPTION '% blank values gave lexemes', n;
  END IF;
  SELECT count(*) INTO n FROM outputs WHERE arabic AND lexemes = 0;
  IF n > 0 THEN
    RAISE EXCEPTION '% values with an Arabic word gave no lexeme', n;
  END IF;
  SELECT * INTO r FROM conversions;
  IF r.refused = 0 OR r.refused = r.tried THEN
    RAISE EXCEPTION 'convert_from refused % of % byte strings', r.refused, r.tried;
  END IF;
  RAISE INFO 'nocrash: % values, every function and configuration; convert_from refused % of %',
    (SELECT count(*) FROM inputs), r.refused, r.tried;
END
$$;

-- 100 MB values: Arabic words with spaces, one run with no space at all, and
-- a random kilobyte repeated. to_tsvector may refuse a value whose lexemes
-- pass tsvector's 1 MB limit; that is PostgreSQL's error, not a crash.
SET client_min_messages = warning;  -- words too long to index: one notice each
CREATE TABLE big AS
SELECT 'words' AS name, repeat('والمدرسه في اوكرانيا علي الخريطة ٢٧٠الف ', 1650000) AS v
UNION ALL SELECT 'one run', repeat('ب', 52428800)
UNION ALL SELECT 'random', repeat((SELECT string_agg(random_char(), '') FROM generate_series(1, 1000)),
                                  48000);

DO $$
DECLARE
  r record;
  n bigint;
BEGIN
  FOR r IN SELECT name, v FROM big LOOP
    IF octet_length(r.v) < 90000000 THEN
      RAISE EXCEPTION '% is only % bytes', r.name, octet_length(r.v);
    END IF;
    n := length(dhad_normalize(r.v, 'search')) + length(dhad_segment(r.v)) +
         length(dhad_stem(r.v)) + length(dhad_correct(r.v));
    BEGIN
      n := n + length(to_tsvector('dhad_arabic', r.v));
    EXCEPTION WHEN program_limit_exceeded THEN
      RAISE INFO 'nocrash: to_tsvector refused the 100 MB "%" value: %', r.name, SQLERRM;
    END;
    RAISE INFO 'nocrash: the 100 MB "%" value through every function', r.name;
  END LOOP;
END
$$;

-- A long to_tsvector can be cancelled: the parser checks for interrupts.
SET statement_timeout = '200ms';
DO $$
BEGIN
  PERFORM to_tsvector('dhad_arabic', v) FROM big WHERE name = 'words';
  RAISE EXCEPTION 'to_tsvector over 100 MB finished within 200 ms: not a test of cancelling';
EXCEPTION WHEN query_canceled THEN
  RAISE INFO 'nocrash: a long to_tsvector was cancelled';
END
$$;
RESET statement_timeout;

-- So can a SQL function on a long value with lines: it goes to the library a
-- megabyte at a time. In one call, dhad_correct would run for 10 s or more.
CREATE TABLE biglines AS
SELECT repeat(E'والمدرسه في اوكرانيا علي الخريطة ٢٧٠الف\n', 1400000) AS v;
SET statement_timeout = '500ms';
DO $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM dhad_correct(v) FROM biglines;
  RAISE EXCEPTION 'dhad_correct over 100 MB finished within 500 ms: not a test of cancelling';
EXCEPTION WHEN query_canceled THEN
  IF clock_timestamp() - t0 > interval '6 s' THEN
    RAISE EXCEPTION 'dhad_correct was cancelled only after %', clock_timestamp() - t0;
  END IF;
  RAISE INFO 'nocrash: a long dhad_correct was cancelled';
END
$$;
RESET statement_timeout;
RESET client_min_messages;
