-- The SQL functions: what they return, their defaults, NULL, empty and long
-- input, bad arguments, and the properties the planner relies on.
CREATE EXTENSION dhad;

-- Normalization profiles: light keeps letters; search folds hamza, ى, ة and
-- the lam-alef ligature, and turns Arabic-Indic digits into ASCII.
SELECT dhad_normalize('أوكرانيا  على المدرسة ﻻ ١٢٫٥٪');
SELECT dhad_normalize('أوكرانيا  على المدرسة ﻻ ١٢٫٥٪', 'search');
SELECT dhad_normalize('أوكرانيا  على المدرسة ﻻ ١٢٫٥٪', 'lucene');
SELECT dhad_normalize('أوكرانيا  على المدرسة ﻻ ١٢٫٥٪', 'camel');
SELECT dhad_normalize('x', 'nope');

-- Segmentation: clitics split off, the pieces concatenate back to the word.
SELECT dhad_segment('وبالكتاب لأوباما للسلطة وبمدرسته');
SELECT replace(replace(dhad_segment(w), '+ ', ''), ' ', '') = w AS surface_kept
FROM unnest(ARRAY['وبالكتاب', 'لأوباما', 'وبمدرسته', 'فسيكتبونها']) AS w;

-- Stemming: light10 by default, isri on request; the spellings people mix up
-- get one stem.
SELECT dhad_stem('والمدرسة بالكتابين يكتبون');
SELECT dhad_stem('والمدرسة بالكتابين يكتبون', 'isri');
SELECT dhad_stem('المدرسة') = dhad_stem('المدرسه') AS ta_marbuta,
       dhad_stem('على') = dhad_stem('علي') AS alef_maqsura,
       dhad_stem('أوكرانيا') = dhad_stem('اوكرانيا') AS hamza;
SELECT dhad_stem('x', 'porter');

-- Correction.
SELECT dhad_correct('ذهب الي المدرسه');
SELECT dhad_correct('اعلنت الوزارة ان المدرسه الجديده فى اكبر مدينة علي الخريطة');

-- NULL in, NULL out (STRICT); empty in, empty out.
SELECT dhad_normalize(NULL) IS NULL, dhad_normalize('x', NULL) IS NULL,
       dhad_segment(NULL) IS NULL, dhad_stem(NULL) IS NULL, dhad_correct(NULL) IS NULL;
SELECT dhad_normalize('') = '', dhad_segment('') = '', dhad_stem('') = '',
       dhad_correct('') = '';

-- A value longer than a block of the CLI: same words, same stems.
SELECT length(dhad_stem(repeat('والمدرسة ', 200000))) = length(repeat('مدرس ', 200000)) - 1
       AS long_stemmed;

-- A value over 1 MB goes to the library in pieces cut after a newline (so
-- that it can be cancelled): the result is the one the lines give, blank
-- lines, CRLF, spaces and all.
CREATE TEMP TABLE block AS
SELECT E'اعلنت الوزارة  ان المدرسه\r\n\nفى اوكرانيا علي الخريطة ٢٧٠الف  \n \nوبالكتاب ﻻ ١٢٫٥٪\n'::text AS b;
SELECT octet_length(repeat(b, 20000)) > 2 * 1024 * 1024 AS over_two_pieces,
       dhad_normalize(repeat(b, 20000)) = repeat(dhad_normalize(b), 20000) AS light,
       dhad_normalize(repeat(b, 20000), 'search') = repeat(dhad_normalize(b, 'search'), 20000) AS search,
       dhad_normalize(repeat(b, 20000), 'lucene') = repeat(dhad_normalize(b, 'lucene'), 20000) AS lucene,
       dhad_normalize(repeat(b, 20000), 'camel') = repeat(dhad_normalize(b, 'camel'), 20000) AS camel,
       dhad_segment(repeat(b, 20000)) = repeat(dhad_segment(b), 20000) AS segment,
       dhad_stem(repeat(b, 20000)) = repeat(dhad_stem(b), 20000) AS light10,
       dhad_stem(repeat(b, 20000), 'isri') = repeat(dhad_stem(b, 'isri'), 20000) AS isri,
       dhad_correct(repeat(b, 20000)) = repeat(dhad_correct(b), 20000) AS correct
FROM block;

-- Declared as what they are.
SELECT proname, provolatile, proparallel, proisstrict
FROM pg_proc WHERE proname IN ('dhad_normalize', 'dhad_segment', 'dhad_stem', 'dhad_correct')
ORDER BY proname;
