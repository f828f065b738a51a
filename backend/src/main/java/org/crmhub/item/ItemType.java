package org.crmhub.item;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of identifiable items: their GraphQL type name and their table. */
public enum ItemType {
    WORK_PLAN("WorkPlan", "work_plan", true),
    WORKSTREAM("Workstream", "workstream", true),
    TASK("Task", "task", true),
    RESOURCE("Resource", "resource", true),
    INDICATOR("Indicator", "indicator", true),
    PROGRESS_REPORT("ProgressReport", "progress_report", true),
    COMMENT("Comment", "comment", true),
    ORGANISATION("Organisation", "organisation", false),
    DECISION("Decision", "decision", false),
    /** An account in the identity server (not a table of the hub). */
    MEMBER("Member", "keycloak_user", false);

    private final String graphQlType;
    private final String table;
    private final boolean reservable;

    ItemType(String graphQlType, String table, boolean reservable) {
        this.graphQlType = graphQlType;
        this.table = table;
        this.reservable = reservable;
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

    public static Optional<ItemType> ofGraphQlType(String name) {
        return Arrays.stream(values()).filter(t -> t.graphQlType.equals(name)).findFirst();
    }

    public static Optional<ItemType> ofTable(String table) {
        return Arrays.stream(values()).filter(t -> t.table.equals(table)).findFirst();
    }
}
