-- AliasName allows 64 characters, Chinese included. H2 measures VARCHAR in UTF-16 units, so a Chinese character
-- outside the BMP (CJK Extension B, e.g. U+20000) takes two: 64 of them need 128. The service checks the real limit.
ALTER TABLE ota_module ALTER COLUMN alias_name SET DATA TYPE VARCHAR(128);
