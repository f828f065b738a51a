package org.crmhub.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserError;
import org.crmhub.testsupport.Said;
import org.crmhub.errors.UserErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Relay global IDs: opaque, one spelling per item, and anything else is a VALIDATION error naming the field. */
class GlobalIdTest {

    private static final UUID ID = UUID.fromString("d0000000-0000-4000-8000-000000000201");
    private static final List<String> FIELD = List.of("input", "id");

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(ItemType.class)
    void anEncodedIdParsesBackToItsTypeAndUuid(ItemType type) {
        String encoded = GlobalId.encode(type, ID);
        assertThat(GlobalId.parse(encoded)).contains(new GlobalId(type, ID));
        assertThat(GlobalId.require(encoded, type, FIELD)).isEqualTo(ID);
        // URL-safe and unpadded: it travels in JSON, URLs and logs unchanged
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anIdIsTheBase64OfTheGraphQlTypeAndTheUuid() {
        // the README's example ID of the demo task, so documented IDs keep working
        assertThat(GlobalId.encode(ItemType.TASK, ID)).isEqualTo("VGFzazpkMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAyMDE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not-an-id",
            "%%%%",                                  // not base64 at all
            "VGFzaw",                                // "Task": no colon
            "VGFzazo",                               // "Task:": no UUID
            "VGFzazpub3QtYS11dWlk",                  // "Task:not-a-uuid"
    })
    void aMalformedIdIsNoId(String value) {
        assertThat(GlobalId.parse(value)).isEmpty();
        assertValidationError(value, ItemType.TASK, "Not a valid ID.");
    }

    @Test
    void nullIsNoIdButAnOptionalNullStaysNull() {
        assertThat(GlobalId.parse(null)).isEmpty();
        assertThat(GlobalId.optional(null, ItemType.TASK, FIELD)).isNull();
        assertThat(GlobalId.optional(GlobalId.encode(ItemType.TASK, ID), ItemType.TASK, FIELD)).isEqualTo(ID);
        assertValidationError(null, ItemType.TASK, "Not a valid ID.");
    }

    @Test
    void anUnknownTypeNameIsNoId() {
        assertThat(GlobalId.parse(base64("Secret:" + ID))).isEmpty();
        assertThat(GlobalId.parse(base64("task:" + ID))).as("type names are case-sensitive").isEmpty();
        assertThat(GlobalId.parse(base64("keycloak_user:" + ID))).as("a table name is not a type name").isEmpty();
    }

    @Test
    void theIdOfAnotherTypeIsAValidationErrorThatNamesBothTypes() {
        String workPlan = GlobalId.encode(ItemType.WORK_PLAN, ID);
        assertValidationError(workPlan, ItemType.TASK, "Expected the ID of a Task, got the ID of a WorkPlan.");
        assertValidationError(GlobalId.encode(ItemType.ORGANISATION, ID), ItemType.DECISION,
                "Expected the ID of a Decision, got the ID of a Organisation.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "D0000000-0000-4000-8000-000000000201",  // upper case
            "d0000000-0-4000-8000-000000000201",     // a group without its leading zeros
            "d0000000-0000-4000-8000-0000000201",    // a short last group
            "{d0000000-0000-4000-8000-000000000201}",
    })
    void aNonCanonicalSpellingOfTheSameUuidIsRefusedSoEachItemHasOneId(String uuid) {
        assertThat(GlobalId.parse(base64("Task:" + uuid))).isEmpty();
    }

    @Test
    void aPaddedSpellingOfAnIdIsStillAcceptedAsTheSameItem() {
        String canonical = GlobalId.encode(ItemType.TASK, ID);
        // the URL-safe decoder accepts padding; the same ID with '=' appended decodes alike, which
        // is harmless (one UUID, one item) but documented here so a change is noticed
        String padded = Base64.getUrlEncoder().encodeToString(("Task:" + ID).getBytes(StandardCharsets.UTF_8));
        assertThat(padded).isNotEqualTo(canonical);
        assertThat(GlobalId.parse(padded)).contains(new GlobalId(ItemType.TASK, ID));
    }

    @Test
    void anOverLongValueIsRefusedBeforeItIsDecoded() {
        assertThat(GlobalId.parse("A".repeat(101))).isEmpty();
        assertThat(GlobalId.parse(GlobalId.encode(ItemType.TASK, ID) + "A".repeat(60))).isEmpty();
        assertThat(GlobalId.parse("QUFB".repeat(250_000))).as("a megabyte of valid base64").isEmpty();
        assertValidationError("A".repeat(101), ItemType.TASK, "Not a valid ID.");
    }

    @Test
    void aMemberIdCarriesTheIdentityServersUuid() {
        String member = GlobalId.encode(ItemType.MEMBER, ID);
        assertThat(GlobalId.require(member, ItemType.MEMBER, List.of("input", "memberId"))).isEqualTo(ID);
    }

    private static void assertValidationError(String value, ItemType expected, String message) {
        UserErrorException e = catchThrowableOfType(UserErrorException.class, () -> GlobalId.require(value, expected, FIELD));
        assertThat(e).as("require(%s)", value).isNotNull();
        assertThat(Said.of(e.errors())).containsExactly(new Said(ErrorCode.VALIDATION, message, FIELD));
    }
}
