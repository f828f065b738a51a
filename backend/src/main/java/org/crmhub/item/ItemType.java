package org.crmhub.item;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of identifiable items: their GraphQL type name, their table, and whether they are
 * reservable. This is the one list of reservable types: the write path, classification, the
 * audit trail's {@code history} field and comments all derive from it, and {@code
 * RowLevelSecurityTest} checks that the migrations' triggers and row-level-security policies cover
 * exactly these tables (the migrations cannot read this enum, so the test keeps them in step).
 */
public enum ItemType {
    WORK_PLAN("WorkPlan", "work_plan", true, Shows.HISTORY, Shows.COMMENTS),
    WORKSTREAM("Workstream", "workstream", true, Shows.HISTORY, Shows.COMMENTS),
    TASK("Task", "task", true, Shows.HISTORY, Shows.COMMENTS),
    RESOURCE("Resource", "resource", true, Shows.HISTORY, Shows.COMMENTS),
    INDICATOR("Indicator", "indicator", true, Shows.HISTORY),
    PROGRESS_REPORT("ProgressReport", "progress_report", true),
    COMMENT("Comment", "comment", true),
    /** A Member Country's contribution to the Technical Secretariat's budget for a cycle (no parent). */
    CONTRIBUTION("Contribution", "contribution", true, Shows.HISTORY),
    /** A meeting of a work plan. */
    MEETING("Meeting", "meeting", true, Shows.HISTORY, Shows.COMMENTS),
    /** A decision a meeting reached, recorded with its minutes. */
    MEETING_DECISION("MeetingDecision", "meeting_decision", true, Shows.HISTORY),
    /** A suggestion of civil society (no parent); always OPEN itself, only its answer may be reserved. */
    SUGGESTION("Suggestion", "suggestion", true, Shows.HISTORY),
    /**
     * The answer to a suggestion: a row of its own so that it can be RESERVED while its suggestion
     * stays OPEN. Not a Node: it is read through its suggestion, which shows uncleared viewers a
     * reserved answer as PENDING, and classified through {@code answerSuggestion}.
     */
    SUGGESTION_RESPONSE("SuggestionResponse", "suggestion_response", true, Shows.HISTORY),
    ORGANISATION("Organisation", "organisation", false),
    /**
     * A person registered by an organisation for an event: personal data of that organisation,
     * not a reservable item (no visibility, history or comments; see registration/).
     */
    REGISTRATION("Registration", "registration", false),
    DECISION("Decision", "decision", false),
    /** An account in the identity server (not a table of the hub). */
    MEMBER("Member", "keycloak_user", false);

    /**
     * What the schema shows on a reservable type besides its own fields. Which types these are is
     * a product choice the schema declares; it is recorded here so the wiring follows it, and
     * {@code ItemTypeTest} checks the two agree.
     */
    public enum Shows {
        /** The {@code history} field: the item's audit entries. */
        HISTORY,
        /** The {@code comments} field, and the item may be the subject of {@code addComment}. */
        COMMENTS
    }

    private final String graphQlType;
    private final String table;
    private final boolean reservable;
    private final Set<Shows> shows;

    ItemType(String graphQlType, String table, boolean reservable, Shows... shows) {
        if (!reservable && shows.length > 0) {
            // history and comments are as reserved as their item; a public item cannot have them
            throw new IllegalArgumentException(graphQlType + " is not reservable");
        }
        this.graphQlType = graphQlType;
        this.table = table;
        this.reservable = reservable;
        this.shows = shows.length == 0 ? EnumSet.noneOf(Shows.class) : EnumSet.copyOf(Arrays.asList(shows));
    }

    public String graphQlType() {
        return graphQlType;
    }

    /** The table holding the items; a fixed name, never user input. */
    public String table() {
        return table;
    }

    /** Whether items of this type carry a visibility (catalogue entries are always public). */
    public boolean reservable() {
        return reservable;
    }

    /** Whether the schema shows {@code history} or {@code comments} on this type. */
    public boolean shows(Shows what) {
        return shows.contains(what);
    }

    /** The reservable types, in declaration order. */
    public static List<ItemType> reservableTypes() {
        return Arrays.stream(values()).filter(ItemType::reservable).toList();
    }

    /** The types that show {@code what}; all of them reservable. */
    public static List<ItemType> showing(Shows what) {
        return reservableTypes().stream().filter(t -> t.shows(what)).toList();
    }

    public static Optional<ItemType> ofGraphQlType(String name) {
        return Arrays.stream(values()).filter(t -> t.graphQlType.equals(name)).findFirst();
    }

    public static Optional<ItemType> ofTable(String table) {
        return Arrays.stream(values()).filter(t -> t.table.equals(table)).findFirst();
    }
}
