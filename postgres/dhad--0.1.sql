-- dhad 0.1: text functions, and full-text search with the dhad_arabic
-- configuration. Later versions are update scripts on top of it
-- (dhad--0.1--0.2.sql, ...): CREATE EXTENSION dhad runs this one and then
-- those, ALTER EXTENSION dhad UPDATE runs the ones an older install lacks.
\echo Use "CREATE EXTENSION dhad" to load this file. \quit

-- Every function is a pure function of its arguments over models embedded in
-- the library, so IMMUTABLE and PARALLEL SAFE hold; STRICT maps NULL to NULL.
CREATE FUNCTION dhad_normalize(input text, profile text DEFAULT 'light')
RETURNS text AS 'MODULE_PATHNAME', 'dhad_normalize_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE STRICT;
COMMENT ON FUNCTION dhad_normalize(text, text) IS
'the text normalized under a profile: light, lucene, camel or search';

CREATE FUNCTION dhad_segment(input text)
RETURNS text AS 'MODULE_PATHNAME', 'dhad_segment_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE STRICT;
COMMENT ON FUNCTION dhad_segment(text) IS
'each word split into clitics and stem: و+ ب+ الكتاب';

CREATE FUNCTION dhad_stem(input text, algorithm text DEFAULT 'light10')
RETURNS text AS 'MODULE_PATHNAME', 'dhad_stem_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE STRICT;
COMMENT ON FUNCTION dhad_stem(text, text) IS
'each word''s stem: light10 (Lucene''s light stemmer) or isri (NLTK''s root stemmer)';

CREATE FUNCTION dhad_correct(input text)
RETURNS text AS 'MODULE_PATHNAME', 'dhad_correct_sql'
LANGUAGE C IMMUTABLE PARALLEL SAFE STRICT;
COMMENT ON FUNCTION dhad_correct(text) IS
'the text with misspellings (hamza, ى/ي, ة/ه, fused words, slips) corrected';

-- The parser: dhad's tokenizer. The headline function is the default
-- parser's; dhad's token type ids are chosen so that it applies.
CREATE FUNCTION dhad_parser_start(internal, integer)
RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION dhad_parser_gettoken(internal, internal, internal)
RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION dhad_parser_end(internal)
RETURNS void AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION dhad_parser_lextype(internal)
RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH PARSER dhad_parser (
  START = dhad_parser_start,
  GETTOKEN = dhad_parser_gettoken,
  END = dhad_parser_end,
  LEXTYPES = dhad_parser_lextype,
  HEADLINE = pg_catalog.prsd_headline
);
COMMENT ON TEXT SEARCH PARSER dhad_parser IS 'dhad''s tokenizer';

-- The dictionary: options Segment (strip و ف ب ك ل س, default true),
-- Stemmer (light10, isri or none; light10) and Correct (false).
CREATE FUNCTION dhad_dict_init(internal)
RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION dhad_dict_lexize(internal, internal, internal, internal)
RETURNS internal AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE dhad_template (
  INIT = dhad_dict_init,
  LEXIZE = dhad_dict_lexize
);
COMMENT ON TEXT SEARCH TEMPLATE dhad_template IS
'dhad: correct (optional), segment clitics, stem';

CREATE TEXT SEARCH DICTIONARY dhad_stem (TEMPLATE = dhad_template);
COMMENT ON TEXT SEARCH DICTIONARY dhad_stem IS
'Arabic words: proclitics off, light10 stem (hamza, ى/ي, ة/ه folded)';

CREATE TEXT SEARCH DICTIONARY dhad_correct_stem (TEMPLATE = dhad_template, Correct = true);
COMMENT ON TEXT SEARCH DICTIONARY dhad_correct_stem IS
'as dhad_stem, each word corrected first';

CREATE TEXT SEARCH CONFIGURATION dhad_arabic (PARSER = dhad_parser);
COMMENT ON TEXT SEARCH CONFIGURATION dhad_arabic IS
'Arabic with dhad: its tokenizer, segmenter and light10; Latin words in English';
ALTER TEXT SEARCH CONFIGURATION dhad_arabic
  ADD MAPPING FOR arabic WITH dhad_stem;
ALTER TEXT SEARCH CONFIGURATION dhad_arabic
  ADD MAPPING FOR latin WITH english_stem;
ALTER TEXT SEARCH CONFIGURATION dhad_arabic
  ADD MAPPING FOR number, url, email, hashtag, mention WITH simple;

-- The same with each Arabic word corrected first (fused words split, slips
-- mended): better recall on noisy text, slower indexing.
CREATE TEXT SEARCH CONFIGURATION dhad_arabic_correct (COPY = dhad_arabic);
COMMENT ON TEXT SEARCH CONFIGURATION dhad_arabic_correct IS
'dhad_arabic with dhad''s corrector before the stemmer';
ALTER TEXT SEARCH CONFIGURATION dhad_arabic_correct
  ALTER MAPPING FOR arabic WITH dhad_correct_stem;
