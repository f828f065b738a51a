package org.crmhub.visibility;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Puts the second wall in place: every R2DBC connection carries the caller's clearance, and the
 * hub refuses to start on a database role that row-level security would not bind.
 */
@Configuration(proxyBeanMethods = false)
class SecondWallConfig {

    @Bean
    static BeanPostProcessor clearanceOnEveryConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ConnectionFactory pool && !(bean instanceof ClearanceConnectionFactory)
                        ? new ClearanceConnectionFactory(pool) : bean;
            }
        };
    }

    /** A superuser, a BYPASSRLS role or the tables' owner would make the policies a dead letter. */
    @Bean
    @Order(0)
    ApplicationRunner requireRoleBoundByRowLevelSecurity(DatabaseClient db) {
        return (ApplicationArguments args) -> {
            Boolean unsafe = db.sql("""
                            SELECT r.rolsuper OR r.rolbypassrls
                                   OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = current_schema()
                                              AND t.tableowner = current_user) AS unsafe
                            FROM pg_roles r WHERE r.rolname = current_user""")
                    .map((row, meta) -> row.get("unsafe", Boolean.class)).one()
                    .contextWrite(ClearanceConnectionFactory.system())
                    .block();   // start-up, main thread
            if (!Boolean.FALSE.equals(unsafe)) {
                throw new IllegalStateException("The database role of the API (HUB_DB_USER) is a superuser, can bypass"
                        + " row-level security or owns the tables; use a separate role (see docs/operations.md)");
            }
        };
    }
}
