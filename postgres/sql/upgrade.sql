-- The upgrade path: version 0.1 installed as it was, then updated to 0.2 and
-- 0.3. (A fresh install of 0.3 runs the same three scripts.)
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS dhad CASCADE;
RESET client_min_messages;
SELECT name, version, installed, requires FROM pg_available_extension_versions
WHERE name = 'dhad' ORDER BY version;
SELECT source, target, path FROM pg_extension_update_paths('dhad') ORDER BY 1, 2;

CREATE EXTENSION dhad VERSION '0.1';
SELECT extversion FROM pg_extension WHERE extname = 'dhad';
-- 0.1: numbers as typed.
SELECT to_tsvector('dhad_arabic', 'عام ٢٠٢٤ #أوكرانيا'),
       to_tsvector('dhad_arabic_correct', 'عام ٢٠٢٤');

ALTER EXTENSION dhad UPDATE TO '0.2';
SELECT extversion FROM pg_extension WHERE extname = 'dhad';
SELECT to_tsvector('dhad_arabic', 'عام ٢٠٢٤ #أوكرانيا'),
       to_tsvector('dhad_arabic_correct', 'عام ٢٠٢٤');

-- Both configurations now send numbers and hashtags to dhad_fold.
SELECT cfgname, alias, array_agg(dictname::text ORDER BY mapseqno) AS dicts
FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg
JOIN pg_ts_dict d ON d.oid = m.mapdict
JOIN ts_token_type('dhad_parser') t ON t.tokid = m.maptokentype
WHERE cfgname::text LIKE 'dhad%' GROUP BY 1, 2 ORDER BY 1, 2;

-- 0.2: light10's stems of two letters (في, من, عل, مر).
SELECT to_tsvector('dhad_arabic', 'وفيه منها على مرة في المدرسة'),
       to_tsvector('dhad_arabic_correct', 'وفيه على');

ALTER EXTENSION dhad UPDATE TO '0.3';
SELECT extversion FROM pg_extension WHERE extname = 'dhad';
-- 0.3: a suffix cut leaves three letters or none is cut (MinStem = 3);
-- longer stems, numbers and hashtags are as in 0.2.
SELECT to_tsvector('dhad_arabic', 'وفيه منها على مرة في المدرسة'),
       to_tsvector('dhad_arabic_correct', 'وفيه على');
SELECT to_tsvector('dhad_arabic', 'عام ٢٠٢٤ #أوكرانيا');
SELECT dictname, dictinitoption FROM pg_ts_dict WHERE dictname::text LIKE 'dhad%' ORDER BY 1;
