package org.crmhub.errors;

import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure means the database connection was lost (a restart, a failover, a killed
 * backend), as opposed to a fault of the statement itself. A read that failed so can run again on
 * a new connection (graphql/ReadRetry); a write that failed so may or may not have committed.
 */
public final class ConnectionLoss {

    private ConnectionLoss() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof PostgresqlException pg) {
                String code = pg.getErrorDetails().getCode();
                // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now
                return code.startsWith("08") || code.equals("57P01") || code.equals("57P02") || code.equals("57P03");
            }
            if (e instanceof R2dbcNonTransientResourceException || e instanceof R2dbcTransientResourceException
                    || e instanceof DataAccessResourceFailureException || e instanceof ClosedChannelException
                    || e instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
