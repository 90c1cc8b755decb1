package dev.vaani.telephony.exotel;

import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallProperties;
import dev.vaani.call.LiveCalls;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Serves Exotel's media stream at WEBSOCKET_ENDPOINT_PATH. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class MediaStreamConfiguration implements WebSocketConfigurer {

    private final LiveCalls calls;
    private final CallMetrics metrics;
    private final CallProperties settings;

    MediaStreamConfiguration(LiveCalls calls, CallMetrics metrics, CallProperties settings) {
        this.calls = calls;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new MediaStreamHandler(calls, metrics), settings.websocketPath())
                .addInterceptors(new MediaStreamHandshake(settings))
                .setAllowedOriginPatterns("*");
    }

    /** Frames above the limit are refused by the container (close 1009), which ends only that stream. */
    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        return new MediaContainer();
    }

    /** Reads its limit from the environment itself: factory beans are created before configuration properties. */
    static final class MediaContainer extends ServletServerContainerFactoryBean implements EnvironmentAware {
        @Override
        public void setEnvironment(Environment environment) {
            setMaxTextMessageBufferSize(environment.getProperty("vaani.call.max-frame-bytes", Integer.class, 262_144));
            setMaxSessionIdleTimeout(120_000L);
        }
    }
}
