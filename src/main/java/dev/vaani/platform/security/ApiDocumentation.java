package dev.vaani.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says how the API authenticates, so Swagger UI offers its Authorize button and sends the key
 * with "Try it out" (the console's session opens the docs, never {@code /api/**}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String ADMIN_KEY_SCHEME = "adminApiKey";

    @Bean
    OpenApiCustomizer adminKeySecurityScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(ADMIN_KEY_SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                    .name(PresentedSecret.ADMIN_KEY_HEADER)
                    .description("The admin API key (ADMIN_API_KEY, or data/admin-api-key); "
                            + "Authorization: Bearer <key> works too"));
            if (openApi.getPaths() != null) {
                // Only the API's own operations: anything else documented here is not behind the key.
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api/")) {
                        item.readOperations().forEach(operation ->
                                operation.addSecurityItem(new SecurityRequirement().addList(ADMIN_KEY_SCHEME)));
                    }
                });
            }
        };
    }
}
