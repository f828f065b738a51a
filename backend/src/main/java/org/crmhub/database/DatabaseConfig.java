package org.crmhub.database;

import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The API's database sessions, transactions for mutations, and the retry of those that lost a
 * race in the database.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    /**
     * Planner settings of every API session, sent when the connection opens.
     *
     * <p>{@code enable_sort = off}: a page of a list must be read in index order, first + 1 rows
     * from the cursor (paging/Pager, read/ReadCompiler). PostgreSQL estimates the rows of "the
     * tasks of this workstream" from the average workstream, so when most parents are small it
     * prefers to fetch every row of the parent and sort them: cheap for the average parent, a
     * full read of a large one. Pricing sorts out makes the index that already holds the order
     * win whatever the estimate; a sort that nothing can replace (a GROUP BY's ORDER BY, a
     * catalogue by name) still runs. paging/ListPlansTest proves every list's plan.
     */
    public static final Map<String, String> SESSION_SETTINGS = Map.of("enable_sort", "off");

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer sessionSettings() {
        return options -> options.option(PostgresqlConnectionFactoryProvider.OPTIONS, SESSION_SETTINGS);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /** Runs a unit of work in one transaction; a user error or any failure rolls all of it back. */
    @Bean
    Transactions transactions(TransactionalOperator operator) {
        return new Transactions(operator);
    }

    public static final class Transactions {
        private final TransactionalOperator operator;

        Transactions(TransactionalOperator operator) {
            this.operator = operator;
        }

        /**
         * The work in one transaction, run again (from the start, in a new transaction) when
         * PostgreSQL chose it as the victim of a deadlock or serialization failure.
         */
        public <T> Mono<T> run(Mono<T> work) {
            return Mono.defer(() -> operator.transactional(work))
                    .retryWhen(Retry.backoff(3, Duration.ofMillis(20)).filter(Transactions::isTransient));
        }

        private static boolean isTransient(Throwable e) {
            if (e.getCause() instanceof PostgresqlException pg) {
                return transientCode(pg.getErrorDetails());
            }
            return e instanceof PostgresqlException pg && transientCode(pg.getErrorDetails());
        }

        private static boolean transientCode(ErrorDetails details) {
            String code = details.getCode();
            return "40001".equals(code) || "40P01".equals(code);
        }
    }
}
