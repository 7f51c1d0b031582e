-- A batch over a large fleet answers before all its tasks exist: the first chunk of device ids is expanded in the
-- creating transaction, the rest by the dispatcher, one chunk per transaction under the product's row lock (as a
-- creation), on whichever node gets there first. A row here means "devices with ids in (after_device, until_device]
-- are still to be considered"; it is deleted when the last chunk is done (or the batch stops needing it).
-- gray_left/gray_pool carry a GRAY batch's selection across chunks: gray_left devices still to pick among the
-- gray_pool eligible devices not yet considered. src_versions is the effective source-version filter (JSON).
CREATE TABLE ota_job_expansion (
    job_pk        BIGINT  PRIMARY KEY REFERENCES ota_job (id) ON DELETE CASCADE,
    after_device  BIGINT  NOT NULL,
    until_device  BIGINT  NOT NULL,
    src_versions  TEXT    NOT NULL,
    gray_left     INTEGER,
    gray_pool     INTEGER
);

-- A chunk is a range of device ids within a product; pages of ListOTATaskByJob are ranges of task ids within a
-- batch: without these the product's (or batch's) whole index is read for every chunk or page.
CREATE INDEX device_product_id ON device (product_id, id);
CREATE INDEX ota_task_job ON ota_task (job_pk, id);
