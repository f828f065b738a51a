package org.crmhub.live;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link EncodedResultEncoder} with the codecs the GraphQL WebSocket handler encodes with. */
@Configuration(proxyBeanMethods = false)
class EncodedResultCodec {

    @Bean
    CodecCustomizer encodedResults() {
        // a typed codec: it comes before the object codecs, so the WebSocket handler finds it before Jackson
        return configurer -> configurer.customCodecs().register(new EncodedResultEncoder(configurer));
    }
}
