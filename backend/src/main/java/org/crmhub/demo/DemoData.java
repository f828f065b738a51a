package org.crmhub.demo;

import io.r2dbc.spi.ConnectionFactory;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.connection.init.ResourceDatabasePopulator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Loads the 2017 demo work plan (demo/demo-data.sql) on first start: only when the database holds
 * no work plan yet, so a restart keeps what users changed.
 */
@Component
@ConditionalOnProperty(name = "hub.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DatabaseClient db;
    private final ConnectionFactory connections;

    DemoData(DatabaseClient db, ConnectionFactory connections) {
        this.db = db;
        this.connections = connections;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Start-up runs on the main thread, not an event loop: waiting here keeps the hub from
        // answering before its demo data is in place.
        db.sql("SELECT count(*) AS plans FROM work_plan").map((row, meta) -> row.get("plans", Long.class)).one()
                .flatMap(plans -> plans > 0 ? Mono.<Void>empty()
                        : new ResourceDatabasePopulator(new ClassPathResource("demo/demo-data.sql")).populate(connections)
                                .doOnSuccess(v -> log.info("Loaded the demo work plan (cycle 2017)")))
                .contextWrite(ClearanceConnectionFactory.system())
                .block();
    }
}
