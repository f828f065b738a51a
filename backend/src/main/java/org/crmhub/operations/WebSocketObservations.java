package org.crmhub.operations;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * No {@code http.server.requests} observation for WebSocket upgrades: it would stay open for the
 * socket's whole life (hours), timing nothing useful, and hold about 1 KB per socket. The sockets
 * have their own metrics (hub.graphql.subscriptions, hub.live.subscribers).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketObservations {

    @Bean
    ObservationPredicate noObservationOfWebSocketUpgrades() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null
                && "websocket".equalsIgnoreCase(request.getCarrier().getHeaders().getUpgrade()));
    }
}
