package com.fulfillment.distributed;

import java.util.Collection;
import org.axonframework.config.ConfigurerModule;

/** How a service's pooled event processors start. */
public final class PooledProcessors {

    private PooledProcessors() {
    }

    /**
     * The given processing groups, when new, start at the beginning of the event stream, where Axon's default
     * (the stream's tail token) starts them too, but without asking Axon Server where that is: started before
     * Axon Server, a pooled processor gives up after three seconds of asking, and fails the start of the whole
     * service. Named groups only: as a default for every pooled processor this would also move Axon's sagas,
     * which start at the head of the stream, to its beginning.
     */
    public static ConfigurerModule startingAtTheBeginning(Collection<String> processingGroups) {
        return configurer -> processingGroups.forEach(group -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        group, (configuration, processor) -> processor.initialToken(source -> null)));
    }
}
