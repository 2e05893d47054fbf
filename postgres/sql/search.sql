-- Full-text search with dhad_arabic: the parser's tokens, the dictionary, and
-- the spellings that the built-in arabic configuration keeps apart.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dhad;
RESET client_min_messages;

SELECT * FROM ts_token_type('dhad_parser');

-- Every byte comes back as a token or a blank: the parser is lossless.
SELECT alias, token, lexemes
FROM ts_debug('dhad_arabic', 'والمدرسه في ٢٧٠الف، علي @user #وسم https://example.com/a?b=1 a@b.org Running 😀!');
SELECT string_agg(token, '' ORDER BY ord) = 'قال:  "نعم"… ١٢٫٥٪	وﻻ'
FROM ts_parse('dhad_parser', 'قال:  "نعم"… ١٢٫٥٪	وﻻ') WITH ORDINALITY AS t(tokid, token, ord);

-- The dictionary alone.
SELECT ts_lexize('dhad_stem', 'والمدرسة'), ts_lexize('dhad_stem', 'بمدرسه'),
       ts_lexize('dhad_stem', 'للمدرسة'), ts_lexize('dhad_stem', 'وأوكرانيا'),
       ts_lexize('dhad_stem', 'على'), ts_lexize('dhad_stem', 'علي');
-- Proclitics the segmenter leaves on a misspelled word come off once the
-- word is corrected (وفى, بشفافيه), and those it leaves after taking one off
-- when what is left is segmented again (وفإنهم); the article contracted after
-- ل stays for the stemmer (وللقضاء).
SELECT w, ts_lexize('dhad_stem', w)
FROM unnest(ARRAY['وفى', 'وفي', 'بشفافيه', 'بشفافية', 'وللقضاء', 'للقضاء', 'وبالتالى', 'بلد',
                  'كتب', 'سلام', 'وفإنهم', 'فإنهم']) AS w;
-- With Correct, a fused word is split and both halves indexed.
SELECT ts_lexize('dhad_correct_stem', 'الرقابةعلى'), ts_lexize('dhad_stem', 'الرقابةعلى');
SELECT to_tsvector('dhad_arabic_correct', 'قال الرقابةعلى') @@
       plainto_tsquery('dhad_arabic_correct', 'الرقابة') AS fused_found,
       to_tsvector('dhad_arabic', 'قال الرقابةعلى') @@
       plainto_tsquery('dhad_arabic', 'الرقابة') AS fused_found_uncorrected;
CREATE TEXT SEARCH DICTIONARY dhad_isri (TEMPLATE = dhad_template, Stemmer = isri);
CREATE TEXT SEARCH DICTIONARY dhad_nostem (TEMPLATE = dhad_template, Stemmer = none,
                                           Segment = false);
SELECT ts_lexize('dhad_isri', 'والمدرسة'), ts_lexize('dhad_nostem', 'والمدرسة');
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, Stemmer = porter);
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, Colour = blue);
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, Normalize = loud);
-- MinStem (3 in dhad_stem from 0.3): light10 cuts no suffix that would leave
-- fewer letters, so فيه, منها and مرة keep theirs (a prefix still comes off;
-- مرة and مرات, both مر before, are two lexemes now); 0 is light10 as
-- published.
CREATE TEXT SEARCH DICTIONARY dhad_light10 (TEMPLATE = dhad_template, MinStem = 0);
SELECT w, ts_lexize('dhad_stem', w) AS min_stem_3, ts_lexize('dhad_light10', w) AS light10
FROM unnest(ARRAY['وفيه', 'منها', 'على', 'إلى', 'مرة', 'مرات', 'بالمرة', 'للمرة', 'في', 'التي',
                  'خدماتها', 'والمدرسة']) AS w;
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, MinStem = -1);
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, MinStem = many);
CREATE TEXT SEARCH DICTIONARY dhad_bad (TEMPLATE = dhad_template, Stemmer = isri, MinStem = 3);
-- Filter = true hands each word on to the next dictionary of the mapping,
-- as unaccent does: here dhad's folding and proclitics, then Snowball's
-- stemmer, which alone stems المدرسة and المدرسه apart.
CREATE TEXT SEARCH DICTIONARY dhad_fold_words
  (TEMPLATE = dhad_template, Normalize = search, Stemmer = none, Filter = true);
CREATE TEXT SEARCH CONFIGURATION dhad_then_snowball (COPY = dhad_arabic);
ALTER TEXT SEARCH CONFIGURATION dhad_then_snowball
  ALTER MAPPING FOR arabic WITH dhad_fold_words, arabic_stem;
SELECT w, to_tsvector('dhad_then_snowball', w) AS chained, to_tsvector('arabic', w) AS builtin
FROM unnest(ARRAY['المدرسة', 'المدرسه', 'والمدرسة', 'أكبر']) AS w;
SELECT to_tsvector('dhad_then_snowball', 'ذهب إلى المدرسة') @@
       plainto_tsquery('dhad_then_snowball', 'الي المدرسه') AS chained_found,
       to_tsvector('arabic', 'ذهب إلى المدرسة') @@
       plainto_tsquery('arabic', 'الي المدرسه') AS builtin_found;
-- A word the corrector splits is two lexemes, and PostgreSQL hands on one
-- only: both end in the filtering dictionary, unstemmed, so none is lost.
CREATE TEXT SEARCH DICTIONARY dhad_correct_words
  (TEMPLATE = dhad_template, Correct = true, Stemmer = none, Filter = true);
ALTER TEXT SEARCH CONFIGURATION dhad_then_snowball
  ALTER MAPPING FOR arabic WITH dhad_correct_words, arabic_stem;
SELECT to_tsvector('dhad_then_snowball', 'قال الرقابةعلى المدرسة');
DROP TEXT SEARCH CONFIGURATION dhad_then_snowball;
DROP TEXT SEARCH DICTIONARY dhad_fold_words;
DROP TEXT SEARCH DICTIONARY dhad_correct_words;
-- Numbers and hashtags are folded by the search profile: digits of any
-- script are one number.
SELECT ts_lexize('dhad_fold', '٢٧٠'), ts_lexize('dhad_fold', '۲۷۰'), ts_lexize('dhad_fold', '#أوكرانيا');
SELECT to_tsvector('dhad_arabic', 'في عام ٢٠٢٤') @@ plainto_tsquery('dhad_arabic', '2024') AS digits,
       to_tsvector('dhad_arabic', '#أوكرانيا') @@ plainto_tsquery('dhad_arabic', '#اوكرانيا') AS hashtag;

-- The issue's cases: dhad_arabic matches each pair, the built-in does not
-- match all of them.
CREATE TABLE pairs (typed text, written text);
INSERT INTO pairs VALUES ('المدرسه', 'المدرسة'), ('علي', 'على'), ('اوكرانيا', 'أوكرانيا'),
  ('بمدرسه', 'المدرسة'), ('والمدرسه', 'مدرسة'), ('الي', 'إلى');
SELECT typed, written,
       to_tsvector('dhad_arabic', written) @@ plainto_tsquery('dhad_arabic', typed) AS dhad,
       to_tsvector('arabic', written) @@ plainto_tsquery('arabic', typed) AS builtin
FROM pairs;

-- An index search: a query typed without hamza and with ه for ة finds the
-- text written with them.
CREATE TABLE docs (id int PRIMARY KEY, body text);
INSERT INTO docs VALUES
  (1, 'أعلنت وزارة التعليم افتتاح المدرسة الجديدة في أوكرانيا'),
  (2, 'ارتفعت أسعار النفط في الأسواق العالمية'),
  (3, 'The school opened its doors in Kyiv');
CREATE INDEX docs_fts ON docs USING gin (to_tsvector('dhad_arabic', body));
SET enable_seqscan = off;
SELECT id FROM docs
WHERE to_tsvector('dhad_arabic', body) @@ plainto_tsquery('dhad_arabic', 'المدرسه في اوكرانيا');
SELECT id FROM docs
WHERE to_tsvector('dhad_arabic', body) @@ plainto_tsquery('dhad_arabic', 'schools');
EXPLAIN (COSTS OFF) SELECT id FROM docs
WHERE to_tsvector('dhad_arabic', body) @@ plainto_tsquery('dhad_arabic', 'اسعار');
RESET enable_seqscan;

-- Headlines mark the matching words in the original text.
SELECT ts_headline('dhad_arabic', body, plainto_tsquery('dhad_arabic', 'اسعار النفط'))
FROM docs WHERE id = 2;

-- Phrase search keeps positions.
SELECT to_tsvector('dhad_arabic', body) @@ phraseto_tsquery('dhad_arabic', 'المدرسه الجديده')
FROM docs WHERE id = 1;

DROP TABLE docs, pairs;
