package org.crmhub.suggestion;

import java.util.Arrays;
import java.util.List;

/**
 * What became of a suggestion: PENDING until answered, then IN_PROGRESS (being taken up or under
 * study), ADOPTED or DECLINED. An answer never returns to PENDING; ADOPTED and DECLINED are final.
 * Answering again with the same status is not a transition (it changes the reason, tasks or
 * visibility only) and is allowed for every status an answer can have.
 */
enum SuggestionStatus {
    PENDING, ADOPTED, IN_PROGRESS, DECLINED;

    boolean isFinal() {
        return this == ADOPTED || this == DECLINED;
    }

    boolean canBecome(SuggestionStatus next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case IN_PROGRESS -> next == ADOPTED || next == DECLINED;
            case ADOPTED, DECLINED -> false;
        };
    }

    /** The statuses this one may become, for the error that refuses another. */
    List<SuggestionStatus> next() {
        return Arrays.stream(values()).filter(this::canBecome).toList();
    }
}
