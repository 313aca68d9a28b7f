-- Rule 7 of name_key (the article after Abdu-: Abdurrahman, Abdur Rahman, Abd. Rahman and Abdul
-- Rahman agree) and "Md." read as Muhammad change the keys and search texts of the clients whose
-- names hold such a word. The texts are the program's to write (domain/name.c): the rows are
-- listed here, and the program gives them their key and text again, a few thousand at each search
-- (client_store_fill_keys, as after migration 012). Until a row is done it is found and warned
-- about as before.
INSERT OR IGNORE INTO client_retext(org_id, client_id)
SELECT org_id, id FROM client
WHERE ' ' || search_names GLOB '* abdu[tdrzsn]*'
   OR ' ' || search_names GLOB '* abdoe[tdrzsn]*'
   OR ' ' || search_names || ' ' GLOB '* abd *'
   OR ' ' || search_names || ' ' GLOB '* md *';
