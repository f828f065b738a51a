package org.crmhub.report;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock reports read the time from (link expiry, quarter ends): tests put another in its place. */
@Configuration(proxyBeanMethods = false)
class ReportClock {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
