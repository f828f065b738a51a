package org.crmhub.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.crmhub.embedded.EmbeddedDatabase;

/** Cuts the API role's database connections from the superuser side, as a restart would. */
public final class ConnectionKiller {

    private ConnectionKiller() {
    }

    /**
     * Kills the server connections of the API's role that match {@code which} (a fixed SQL
     * condition over pg_stat_activity) and returns how many it killed. Each kill waits until that
     * backend has exited, so the connection is closed on the server's side when this returns.
     */
    public static int kill(String which) throws Exception {
        try (Connection connection = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))"
                     + " FROM pg_stat_activity WHERE usename = 'hub_app' AND " + which)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
