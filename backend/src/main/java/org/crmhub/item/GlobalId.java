package org.crmhub.item;

import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Relay global IDs: the item type and its UUID, base64url-encoded so that clients treat them as
 * opaque. UUIDs (not sequences) keep IDs from revealing how many reserved items exist.
 */
public record GlobalId(ItemType type, UUID id) {

    public static String encode(ItemType type, UUID id) {
        String raw = type.graphQlType() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes any global ID; empty when it is not one. */
    public static Optional<GlobalId> parse(String value) {
        if (value == null || value.length() > 100) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            UUID uuid = UUID.fromString(raw.substring(colon + 1));
            if (!uuid.toString().equals(raw.substring(colon + 1))) {
                return Optional.empty();   // one canonical spelling per ID
            }
            return ItemType.ofGraphQlType(raw.substring(0, colon)).map(type -> new GlobalId(type, uuid));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The UUID of an ID that must be of {@code expected} type. A malformed ID, or the ID of another
     * type, is a VALIDATION error naming {@code field}.
     */
    public static UUID require(String value, ItemType expected, List<String> field) {
        GlobalId id = parse(value).orElseThrow(() -> new UserErrorException(
                UserError.invalid(field, "error.invalidId")));
        if (id.type() != expected) {
            throw new UserErrorException(UserError.invalid(field,
                    "error.wrongIdType", expected.graphQlType(), id.type().graphQlType()));
        }
        return id.id();
    }

    /** Like {@link #require} for an optional input: null stays null. */
    public static UUID optional(String value, ItemType expected, List<String> field) {
        return value == null ? null : require(value, expected, field);
    }
}
