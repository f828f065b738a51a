package org.crmhub.errors;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which failures mean a lost database connection, and what the client hears: a read is marked to
 * be run again (graphql/ReadRetry), a mutation answers UNAVAILABLE since it may have committed.
 */
class ConnectionLossTest {

    /** A PostgreSQL error with a SQLSTATE, as the driver raises it. */
    private static final class PgError extends RuntimeException implements PostgresqlException {
        private final String code;

        PgError(String code) {
            this.code = code;
        }

        @Override
        public ErrorDetails getErrorDetails() {
            return ErrorDetails.fromCodeAndMessage(code, "from the server");
        }
    }

    @ParameterizedTest(name = "SQLSTATE {0} → lost connection: {1}")
    @CsvSource({
            "57P01, true",    // admin shutdown (pg_terminate_backend, a restart)
            "57P02, true",    // crash shutdown
            "57P03, true",    // cannot connect now
            "08006, true",    // connection failure
            "08003, true",    // connection does not exist
            "23505, false",   // unique violation: the statement's own fault
            "40P01, false",   // deadlock: retried by the transaction, not here
            "42501, false",   // insufficient privilege (row-level security)
    })
    void sqlStates(String code, boolean lost) {
        assertThat(ConnectionLoss.is(new PgError(code))).isEqualTo(lost);
        assertThat(ConnectionLoss.is(new DataIntegrityViolationException("wrapped", new PgError(code)))).isEqualTo(lost);
    }

    @Test
    void transportFailuresAreLostConnectionsAndOtherFaultsAreNot() {
        assertThat(ConnectionLoss.is(new R2dbcNonTransientResourceException("Connection closed"))).isTrue();
        assertThat(ConnectionLoss.is(new DataAccessResourceFailureException("pool", new IOException("reset")))).isTrue();
        assertThat(ConnectionLoss.is(new IllegalStateException("a bug"))).isFalse();
        assertThat(ConnectionLoss.is(new NullPointerException())).isFalse();
    }

    private static DataFetchingEnvironment env(OperationDefinition.Operation operation, GraphQLContext context) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .operationDefinition(OperationDefinition.newOperationDefinition().operation(operation).build())
                .mergedField(MergedField.newMergedField(Field.newField("field").build()).build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(Scalars.GraphQLString)
                        .path(ResultPath.rootPath().segment("field")).build())
                .graphQLContext(context)
                .build();
    }

    @Test
    void aReadThatLostItsConnectionIsMarkedToRunAgain() {
        GraphQLContext context = GraphQLContext.newContext().build();
        List<GraphQLError> errors = new GraphQlErrors().resolveToMultipleErrors(new PgError("57P01"),
                env(OperationDefinition.Operation.QUERY, context));
        assertThat(context.<Boolean>get(GraphQlErrors.READ_LOST_CONNECTION)).isTrue();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "UNAVAILABLE"));
    }

    @Test
    void aMutationThatLostItsConnectionAnswersUnavailableAndIsNotRunAgain() {
        GraphQLContext context = GraphQLContext.newContext().build();
        List<GraphQLError> errors = new GraphQlErrors().resolveToMultipleErrors(new R2dbcNonTransientResourceException("closed"),
                env(OperationDefinition.Operation.MUTATION, context));
        assertThat(context.hasKey(GraphQlErrors.READ_LOST_CONNECTION)).isFalse();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getExtensions()).containsEntry("code", "UNAVAILABLE");
            assertThat(e.getMessage()).contains("may or may not have been made");
        });
    }

    @Test
    void anyOtherFaultStaysAnInternalErrorWithoutDetail() {
        GraphQLContext context = GraphQLContext.newContext().build();
        List<GraphQLError> errors = new GraphQlErrors().resolveToMultipleErrors(new IllegalStateException("secret detail"),
                env(OperationDefinition.Operation.QUERY, context));
        assertThat(context.hasKey(GraphQlErrors.READ_LOST_CONNECTION)).isFalse();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("Internal error; it has been logged.").doesNotContain("secret");
            assertThat(e.getExtensions() == null ? Map.of() : e.getExtensions()).doesNotContainKey("code");
        });
    }
}
