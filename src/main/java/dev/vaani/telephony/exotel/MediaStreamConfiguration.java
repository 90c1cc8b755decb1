package dev.vaani.telephony.exotel;

import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallProperties;
import dev.vaani.call.LiveCalls;
import dev.vaani.call.identity.CallIdentitySigner;
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
    private final CallIdentitySigner identities;

    MediaStreamConfiguration(LiveCalls calls, CallMetrics metrics, CallProperties settings,
                             CallIdentitySigner identities) {
        this.calls = calls;
        this.metrics = metrics;
        this.settings = settings;
        this.identities = identities;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new MediaStreamHandler(calls, metrics, identities, settings.maxFrameBytes()), settings.websocketPath())
                .addInterceptors(new MediaStreamHandshake(metrics))
                .setAllowedOriginPatterns("*");
    }

    /**
     * The container's buffer per connection: Tomcat allocates it whole for every connection, so it is sized for a
     * media message (100 ms is about 2.2 KB of JSON at 8 kHz, 6.5 KB at 24 kHz) rather than for the largest message we
     * accept; longer ones arrive in parts that {@link MediaStreamHandler} joins, up to
     * {@code vaani.call.max-frame-bytes}, beyond which it closes that stream alone (1009).
     */
    static final int CONTAINER_BUFFER_CHARS = 8 * 1024;

    @Bean
    static ServletServerContainerFactoryBean webSocketContainer() {
        return new MediaContainer();
    }

    /** Reads its limit from the environment itself: factory beans are created before configuration properties. */
    static final class MediaContainer extends ServletServerContainerFactoryBean implements EnvironmentAware {
        @Override
        public void setEnvironment(Environment environment) {
            int maxMessage = environment.getProperty("vaani.call.max-frame-bytes", Integer.class, 262_144);
            setMaxTextMessageBufferSize(Math.min(maxMessage, CONTAINER_BUFFER_CHARS));
            setMaxSessionIdleTimeout(120_000L);
        }
    }
}
