package org.crmhub.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The live layer's gauges: {@code hub.live.subscribers} (subscriptions this instance serves),
 * {@code hub.live.groups} (shared executions serving them, SharedSubscriptions),
 * {@code hub.live.event.lag} (seconds between the newest event's commit and this instance reading
 * it; it stays at its last value while no change happens) and {@code hub.live.head} (the event
 * log position this instance has read up to; instances that differ for long are behind).
 */
@Component
class LiveMetrics {

    LiveMetrics(MeterRegistry registry, LiveChanges changes, SharedSubscriptions shared, ChangeFeed feed) {
        // each group's one execution is one stream of LiveChanges, serving all its members
        Gauge.builder("hub.live.subscribers", () -> Math.max(0, changes.subscribers() - shared.groups() + shared.members()))
                .description("Live subscriptions served by this instance").register(registry);
        Gauge.builder("hub.live.groups", shared, SharedSubscriptions::groups)
                .description("Shared executions of live subscriptions (subscribers with the same subscription and audience)")
                .register(registry);
        Gauge.builder("hub.live.event.lag", feed, f -> f.newestLag().toNanos() / 1e9).baseUnit("seconds")
                .description("Time from the newest event's commit to this instance reading it").register(registry);
        Gauge.builder("hub.live.head", feed, ChangeFeed::head)
                .description("Event log position read up to").register(registry);
    }
}
