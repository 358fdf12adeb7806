package com.fulfillment.platform.storage;

import org.h2.store.fs.FilePath;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Registers H2's {@value ReopeningFilePath#SCHEME}{@code :} file system in every app that has H2, before any of
 * its beans is made, so that the data sources and stores the app opens may name it in their URLs.
 */
@AutoConfiguration
@ConditionalOnClass(FilePath.class)
public class ReopeningFileSystemConfiguration {

    /** Static, and a post-processor of the bean factory: runs before the first bean, the data source included. */
    @Bean
    static BeanFactoryPostProcessor reopeningFileSystemRegistration() {
        return beanFactory -> ReopeningFilePath.register();
    }
}
