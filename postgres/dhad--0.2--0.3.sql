-- dhad 0.2 -> 0.3: light10 no longer cuts a suffix that would leave a stem of
-- fewer than three letters (the dictionary's new MinStem option): فيه, منها,
-- على and مرة were في, من, عل and مر, lexemes so common that a phrase holding
-- them matched too many other articles as well as its own. Indexes built with
-- dhad_arabic or dhad_arabic_correct under 0.2 hold the old stems: REINDEX
-- them after the update.
\echo Use "ALTER EXTENSION dhad UPDATE TO '0.3'" to load this file. \quit

-- The dictionary template's options from 0.3 on: Normalize (none), Correct
-- (false), Segment (true), Stemmer (light10) as in 0.2, and MinStem (the
-- fewest letters a suffix cut may leave, 0-10; 0, light10 as published).
ALTER TEXT SEARCH DICTIONARY dhad_stem (MinStem = 3);
ALTER TEXT SEARCH DICTIONARY dhad_correct_stem (MinStem = 3);
