package org.crmhub.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Reads a state machine's expected transitions written as a grid, one row per "from" status and
 * one column per "to" status: {@code yes} allowed, {@code no} refused, {@code ·} the same status
 * (not a transition: the services leave an unchanged status alone, and the machines allow none).
 */
public final class TransitionTable {

    private TransitionTable() {
    }

    /** Every cell of the grid as (from, to, allowed); the first line is the header of "to" statuses. */
    public static Stream<Arguments> of(String... lines) {
        String[] to = cells(lines[0]);
        List<Arguments> pairs = new ArrayList<>();
        for (int row = 1; row < lines.length; row++) {
            String[] cells = cells(lines[row]);
            if (cells.length != to.length) {
                throw new IllegalArgumentException("row " + cells[0] + " has " + cells.length + " cells, the header " + to.length);
            }
            for (int column = 1; column < cells.length; column++) {
                String cell = cells[column];
                if (cell.equals("·") != cells[0].equals(to[column])) {
                    throw new IllegalArgumentException("· belongs on the diagonal only: " + cells[0] + " → " + to[column]);
                }
                if (!cell.equals("yes") && !cell.equals("no") && !cell.equals("·")) {
                    throw new IllegalArgumentException("unexpected cell " + cell);
                }
                pairs.add(Arguments.of(cells[0], to[column], cell.equals("yes")));
            }
        }
        return pairs.stream();
    }

    private static String[] cells(String line) {
        return Stream.of(line.split("\\|")).map(String::strip).toArray(String[]::new);
    }
}
