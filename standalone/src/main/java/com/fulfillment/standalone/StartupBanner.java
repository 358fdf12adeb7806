package com.fulfillment.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the app where to find it. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final FulfillmentProperties properties;

    StartupBanner(FulfillmentProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        log.info("""

                 Fulfillment is running (standalone, data in {})
                   API          {}/api/orders  {}/api/products
                   API docs     {}/swagger-ui.html
                   Events       {}/events.html
                   Health       {}/actuator/health
                   Users        alice, bob, carol (customers); operator (see the README, "Who may do what")
                 """,
                 properties.dataDir().toAbsolutePath().normalize(), base, base, base, base, base);
    }
}
