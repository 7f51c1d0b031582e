-- Package files to delete from the blob store: their rows went (DeleteProduct, DeleteOTAFirmware) in the same
-- transaction that queued them here, so no row refers to them any more. The row goes once the file is gone; a
-- crash or a failing blob store in between leaves it here, and the collector deletes the file later.
CREATE TABLE blob_garbage (
    blob_key   VARCHAR(200) PRIMARY KEY,
    queued_at  BIGINT       NOT NULL
);
