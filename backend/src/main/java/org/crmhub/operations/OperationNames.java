package org.crmhub.operations;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operation name as a metric label, from a set that clients cannot grow without bound. With a
 * manifest of trusted documents, the set is the manifest's operation names; without one, the
 * first {@link #MAX_NAMES} well-formed names this instance sees keep their own label. Any other
 * name, or one that is not a plain GraphQL name, counts as {@code other}.
 */
final class OperationNames {

    static final int MAX_NAMES = 200;
    static final String ANONYMOUS = "anonymous";
    static final String OTHER = "other";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final boolean fixed;

    /** Names learnt as they come, up to {@link #MAX_NAMES}. */
    OperationNames() {
        this(Set.of());
    }

    /** The given names only, when there are any (a manifest's); otherwise names learnt as they come. */
    OperationNames(Set<String> trusted) {
        this.fixed = !trusted.isEmpty();
        this.known.addAll(trusted);
    }

    String label(String operationName) {
        if (operationName == null || operationName.isEmpty()) {
            return ANONYMOUS;
        }
        if (!NAME.matcher(operationName).matches()) {
            return OTHER;
        }
        if (known.contains(operationName)) {
            return operationName;
        }
        if (fixed) {
            return OTHER;
        }
        synchronized (known) {
            if (known.size() >= MAX_NAMES) {
                return OTHER;
            }
            known.add(operationName);
            return operationName;
        }
    }
}
