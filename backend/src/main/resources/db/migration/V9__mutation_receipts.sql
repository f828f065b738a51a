-- Idempotency keys (issue 14): a mutation sent with `clientMutationId` leaves a receipt in its own
-- transaction, so the receipt exists exactly when the change was committed. A retry with the same
-- key (same user) finds it and answers with the same item instead of applying the change again
-- (item/ItemWrites, graphql/IdempotencyKeys). A duplicate sent while the first is still running
-- waits on the primary key until the first commits or rolls back. Receipts hold IDs only, no
-- item data; they are pruned after a day.
CREATE TABLE mutation_receipt (
    subject           text        NOT NULL,   -- the viewer's username
    client_mutation_id text       NOT NULL,
    mutation          text        NOT NULL,   -- the mutation field, e.g. createTask
    item_id           uuid,                   -- the created, changed or deleted item
    at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, client_mutation_id)
);
CREATE INDEX mutation_receipt_at ON mutation_receipt (at);
GRANT SELECT, INSERT, UPDATE, DELETE ON mutation_receipt TO ${appRole};
