package dev.vaani.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits (larger bodies are refused with 413 before a handler reads them).
 *
 * @param webhookMaxBody status callbacks and voicebot-URL requests (WEBHOOK_MAX_BODY_SIZE)
 * @param importMaxSize  a lead import, CSV body or multipart upload (IMPORT_MAX_SIZE; also the multipart limit)
 * @param apiMaxBody     any other admin API request body
 */
@ConfigurationProperties("vaani.http")
public record HttpLimits(
        @DefaultValue("64KB") DataSize webhookMaxBody,
        @DefaultValue("10MB") DataSize importMaxSize,
        @DefaultValue("1MB") DataSize apiMaxBody) {
}
