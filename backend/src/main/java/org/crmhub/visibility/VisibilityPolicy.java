package org.crmhub.visibility;

import static org.crmhub.security.Role.GOVERNMENT;
import static org.crmhub.security.Role.OBSERVER;
import static org.crmhub.security.Role.CIVIL_SOCIETY;
import static org.crmhub.security.Role.PPT;
import static org.crmhub.security.Role.ST_CRM;
import static org.crmhub.security.Role.ST_RROCM;

import java.util.List;
import java.util.UUID;
import org.crmhub.security.Viewer;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;

/**
 * The one place that knows who may see and do what (mission.md's matrix and visibility rules).
 *
 * <p>"Effectively reserved" is the {@code reserved} column every reservable row carries: the
 * database derives it from the row's own visibility and its ancestors' (migration V2), so this
 * class only has to decide, per viewer, whether reserved rows exist for them at all. Reads take
 * their SQL filter from {@link #rowFilter}; single items are checked with {@link #canSee}.
 *
 * <p>Rules kept here:
 * <ul>
 *   <li>ppt, government and st-crm read everything; st-rrocm, civil-society and observer read OPEN
 *       items only; hub-admin (and a token with no hub role) reads nothing.</li>
 *   <li>An item the viewer may not see does not exist for them: queries answer null or leave it
 *       out, mutations answer NOT_FOUND (never FORBIDDEN).</li>
 * </ul>
 */
public final class VisibilityPolicy {

    private VisibilityPolicy() {
    }

    /** What a viewer may do to a visible item or inside a visible parent. */
    public enum Action {
        /** Create or edit work plans, workstreams, tasks, resources and indicators. */
        EDIT,
        /** Propose a task (status PROPOSED) in an OPEN workstream. */
        PROPOSE,
        /** Comment on, or add a progress report to, a visible item. */
        CONTRIBUTE,
        /** Classify an item OPEN or RESERVED (and create items RESERVED). */
        CLASSIFY,
        /**
         * Record and change Member Countries' contributions to the CRM Technical Secretariat's
         * budget and their payments: the governments' and that secretariat's business only.
         */
        BUDGET,
        /**
         * Record a suggestion of civil society (issue 12): the members of civil-society
         * organisations, of the RROCM's secretariat and of observer organisations, for an
         * organisation they speak for ({@link #speaksFor}).
         */
        SUGGEST,
        /**
         * Answer a suggestion (ADOPTED, IN_PROGRESS, DECLINED, with the tasks that take it up):
         * government roles, and st-rrocm for answers that are OPEN. Classifying the answer is
         * {@link #CLASSIFY}'s.
         */
        ANSWER,
        /**
         * Register people of an organisation for an OPEN event, or cancel such a registration:
         * civil-society members (for their own organisations, see {@link #mayRegisterFor}) and
         * st-rrocm (for the organisations of its network).
         */
        REGISTER
    }

    /** Whose registrations for events a viewer sees (names and emails): personal data of an organisation. */
    public enum Registrants {
        /** Every registration: ppt, government, st-crm, st-rrocm (who may also export them). */
        ALL,
        /** The registrations of the viewer's own organisations: civil society. */
        OWN_ORGANISATIONS,
        /** None, only the number of seats taken: observers, and anyone else. */
        NONE
    }

    /** Whose registrations the viewer may see ({@link Registrants}). */
    public static Registrants registrants(Viewer viewer) {
        if (viewer.hasAny(PPT, GOVERNMENT, ST_CRM, ST_RROCM)) {
            return Registrants.ALL;
        }
        return viewer.has(CIVIL_SOCIETY) ? Registrants.OWN_ORGANISATIONS : Registrants.NONE;
    }

    /**
     * Whether the viewer may register people of this organisation (or cancel their registrations):
     * a civil-society member for an organisation it belongs to, st-rrocm for an organisation of its
     * network ({@code networkId}: the organisation's network, {@code rrocm}: the RROCM's ID).
     */
    public static boolean mayRegisterFor(Viewer viewer, String organisationCode, UUID networkId, UUID rrocm) {
        return (viewer.has(CIVIL_SOCIETY) && viewer.organisationCodes().contains(organisationCode))
                || (viewer.has(ST_RROCM) && networkId != null && networkId.equals(rrocm));
    }

    public static boolean canRead(Viewer viewer) {
        return viewer.hasAny(PPT, GOVERNMENT, ST_CRM, ST_RROCM, CIVIL_SOCIETY, OBSERVER);
    }

    public static boolean canSeeReserved(Viewer viewer) {
        return viewer.hasAny(PPT, GOVERNMENT, ST_CRM);
    }

    /** Whether an item whose effective reservation is {@code reserved} exists for the viewer. */
    public static boolean canSee(Viewer viewer, boolean reserved) {
        return canRead(viewer) && (!reserved || canSeeReserved(viewer));
    }

    /**
     * Whether the viewer hears of the decision on a proposal it may see: the secretariats (ST-CRM,
     * ST-RROCM), who follow every proposal, the member who proposed it, and the members of the
     * organisations the proposer belonged to when proposing.
     */
    public static boolean hearsOfProposalDecision(Viewer viewer, String proposedBy, List<String> proposerOrganisations) {
        return viewer.hasAny(ST_CRM, ST_RROCM)
                || viewer.username().equals(proposedBy)
                || viewer.organisationCodes().stream().anyMatch(proposerOrganisations::contains);
    }

    /**
     * The SQL condition that keeps only the rows of {@code alias} the viewer may see. A fixed
     * string per clearance (no user input), so each variant is one prepared statement.
     */
    public static String rowFilter(Viewer viewer, String alias) {
        if (!canRead(viewer)) {
            return "FALSE";
        }
        return canSeeReserved(viewer) ? "TRUE" : "NOT " + alias + ".reserved";
    }

    /** Refuses viewers who may not read the work plan at all (e.g. hub-admin) with FORBIDDEN. */
    public static void requireRead(Viewer viewer) {
        if (!canRead(viewer)) {
            throw new UserErrorException(UserError.forbidden("error.noWorkPlanAccess"));
        }
    }

    /**
     * Whether the viewer may perform {@code action} on (or inside) a visible item whose effective
     * reservation is {@code reserved}. Callers must first make sure the item is visible (otherwise
     * NOT_FOUND); this only answers FORBIDDEN.
     */
    public static boolean allows(Viewer viewer, Action action, boolean reserved) {
        return switch (action) {
            case EDIT -> viewer.hasAny(PPT, GOVERNMENT, ST_CRM) || (viewer.has(ST_RROCM) && !reserved);
            case PROPOSE -> !reserved && viewer.hasAny(PPT, GOVERNMENT, ST_CRM, ST_RROCM, CIVIL_SOCIETY);
            case CONTRIBUTE -> canSee(viewer, reserved);
            case CLASSIFY -> viewer.hasAny(PPT, GOVERNMENT, ST_CRM);
            case BUDGET -> viewer.hasAny(PPT, GOVERNMENT, ST_CRM);
            case SUGGEST -> !reserved && viewer.hasAny(CIVIL_SOCIETY, ST_RROCM, OBSERVER);
            case ANSWER -> viewer.hasAny(PPT, GOVERNMENT, ST_CRM) || (viewer.has(ST_RROCM) && !reserved);
            case REGISTER -> !reserved && viewer.hasAny(CIVIL_SOCIETY, ST_RROCM);
        };
    }

    /** Throws FORBIDDEN unless {@link #allows} holds. */
    public static void require(Viewer viewer, Action action, boolean reserved) {
        if (!allows(viewer, action, reserved)) {
            throw new UserErrorException(UserError.forbidden(switch (action) {
                case EDIT -> "error.mayNotEdit";
                case PROPOSE -> "error.mayNotPropose";
                case CONTRIBUTE -> "error.mayNotContribute";
                case CLASSIFY -> "error.mayNotClassify";
                case BUDGET -> "error.mayNotManageBudget";
                case SUGGEST -> "error.mayNotSuggest";
                case ANSWER -> "error.mayNotAnswer";
                case REGISTER -> "error.mayNotRegister";
            }));
        }
    }

    /**
     * Whether the viewer may record a suggestion in the name of an organisation: one of its own
     * organisations, or for st-rrocm, an organisation of the RROCM network it is the secretariat of.
     *
     * @param inRrocmNetwork whether the organisation is the RROCM network or one of its members
     */
    public static boolean speaksFor(Viewer viewer, String organisationCode, boolean inRrocmNetwork) {
        return viewer.organisationCodes().contains(organisationCode) || (viewer.has(ST_RROCM) && inRrocmNetwork);
    }

    /** A new item asked to be RESERVED needs the right to classify. */
    public static void requireMayCreateWith(Viewer viewer, String visibility) {
        if ("RESERVED".equals(visibility) && !allows(viewer, Action.CLASSIFY, false)) {
            throw new UserErrorException(UserError.forbidden("error.onlyGovernmentsReserve"));
        }
    }

    /** NOT_FOUND for an item that is missing or that the viewer may not see; the two answer alike. */
    public static UserErrorException notFound(List<String> field) {
        return new UserErrorException(UserError.notFound(field));
    }
}
