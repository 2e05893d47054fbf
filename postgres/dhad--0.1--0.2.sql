-- dhad 0.1 -> 0.2: numbers and hashtags are folded by the search profile
-- (the dictionary's new Normalize option), so ٢٧٠, ۲۷۰ and 270 are one
-- lexeme and #أوكرانيا finds #اوكرانيا. Indexes built with dhad_arabic under
-- 0.1 hold the unfolded forms: REINDEX them after the update.
\echo Use "ALTER EXTENSION dhad UPDATE TO '0.2'" to load this file. \quit

-- The dictionary template's options from 0.2 on: Normalize (a profile applied
-- first: light, lucene, camel, search or none; none), Correct (false),
-- Segment (strip و ف ب ك ل س; true) and Stemmer (light10, isri or none;
-- light10), in that order.
CREATE TEXT SEARCH DICTIONARY dhad_fold
  (TEMPLATE = dhad_template, Normalize = search, Segment = false, Stemmer = none);
COMMENT ON TEXT SEARCH DICTIONARY dhad_fold IS
'the search profile only: digits of every script as ASCII, hamza and ى/ي folded';

ALTER TEXT SEARCH CONFIGURATION dhad_arabic
  ALTER MAPPING FOR number, hashtag WITH dhad_fold;
ALTER TEXT SEARCH CONFIGURATION dhad_arabic_correct
  ALTER MAPPING FOR number, hashtag WITH dhad_fold;
