package dev.vaani.integration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which webhook URLs may be called (CUSTOMER_WEBHOOK_ALLOW_PRIVATE). */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookUrlPolicy webhookUrlPolicy(WebhookProperties settings) {
        return new WebhookUrlPolicy(settings.allowPrivate());
    }
}
