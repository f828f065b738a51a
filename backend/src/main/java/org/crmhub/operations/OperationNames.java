package org.crmhub.operations;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operation name as a metric label, from a set that clients cannot grow without bound:
 * the first {@link #MAX_NAMES} well-formed names this instance sees keep their own label, and any
 * later one, or a name that is not a plain GraphQL name, counts as {@code other}. (With trusted
 * documents, the manifest's names would be the set.)
 */
final class OperationNames {

    static final int MAX_NAMES = 200;
    static final String ANONYMOUS = "anonymous";
    static final String OTHER = "other";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final Set<String> known = ConcurrentHashMap.newKeySet();

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
        synchronized (known) {
            if (known.size() >= MAX_NAMES) {
                return OTHER;
            }
            known.add(operationName);
            return operationName;
        }
    }
}
