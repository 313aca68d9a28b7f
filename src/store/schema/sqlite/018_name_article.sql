-- Rule 7 of name_key (the article after Abdu-: Abdurrahman, Abdur Rahman and Abd. Rahman agree
-- with Abdul Rahman) and "Md." read as Muhammad change the keys and search texts of the clients
-- whose names hold such a word. Keys are the program's to compute (domain/name.c): these rows lose
-- theirs here, as the rows of before migration 005 had none, and the program gives them their key
-- and text again, a few thousand at each search (client_store_fill_keys). Until then duplicate
-- warnings and the import's keys compare such a row by its normalised name, and searches find it
-- by its text of before.
UPDATE client SET name_key = NULL
WHERE ' ' || search_names GLOB '* abdu[tdrzsn]*'
   OR ' ' || search_names GLOB '* abdoe[tdrzsn]*'
   OR ' ' || search_names || ' ' GLOB '* abd *'
   OR ' ' || search_names || ' ' GLOB '* md *';
