package com.fulfillment.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections keep their documents ({@code fulfillment.projections.*}).
 *
 * @param documentCache how many documents each read-model collection keeps in memory as this process last wrote
 *                      them, so that the next batch of events for them needs no find; 0 (the default) reads every
 *                      batch's documents from the store. Only for a read side that is the single writer of its
 *                      database: with two nodes, a segment that moves to the other node and back would find its
 *                      documents here older than the other node left them. The standalone runtime sets it, since
 *                      its embedded store belongs to one process.
 */
@ConfigurationProperties("fulfillment.projections")
public record ProjectionProperties(@DefaultValue("0") int documentCache) {

    public ProjectionProperties {
        if (documentCache < 0) {
            throw new IllegalArgumentException("fulfillment.projections.document-cache must be 0 or more, was "
                                               + documentCache);
        }
    }
}
