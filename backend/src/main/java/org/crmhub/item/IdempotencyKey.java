package org.crmhub.item;

/**
 * The {@code clientMutationId} a client gave a mutation, with the mutation field it belongs to.
 * graphql/IdempotencyKeys puts it in the Reactor context of the request under this class;
 * {@link ItemWrites} keeps a receipt of it in the change's transaction.
 */
public record IdempotencyKey(String clientMutationId, String mutation) {

    /** The longest key accepted. */
    public static final int MAX_LENGTH = 128;
}
