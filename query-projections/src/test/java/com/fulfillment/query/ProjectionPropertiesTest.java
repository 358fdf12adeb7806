package com.fulfillment.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProjectionPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDocumentCacheIsOffUnlessSet() {
        context.run(started -> assertThat(started.getBean(ProjectionProperties.class).documentCache()).isZero());
        context.withPropertyValues("fulfillment.projections.document-cache=4096")
               .run(started -> assertThat(started.getBean(ProjectionProperties.class).documentCache()).isEqualTo(4096));
    }

    @Test
    void aNegativeDocumentCacheStopsTheStartNamingTheSetting() {
        context.withPropertyValues("fulfillment.projections.document-cache=-1")
               .run(started -> assertThat(started).hasFailed().getFailure()
                                                  .rootCause()
                                                  .hasMessageContaining("fulfillment.projections.document-cache"));
    }

    @EnableConfigurationProperties(ProjectionProperties.class)
    static class Settings {
    }
}
