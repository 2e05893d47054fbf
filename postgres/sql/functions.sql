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

-- Declared as what they are.
SELECT proname, provolatile, proparallel, proisstrict
FROM pg_proc WHERE proname IN ('dhad_normalize', 'dhad_segment', 'dhad_stem', 'dhad_correct')
ORDER BY proname;
