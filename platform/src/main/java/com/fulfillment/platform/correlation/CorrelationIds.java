package com.fulfillment.platform.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id that ties a client's request to every command and event it causes. It travels as
 * the {@code X-Correlation-ID} HTTP header, as {@value #METADATA_KEY} in Axon metadata and in the logging
 * MDC under the same key. The user who sent the request travels alongside it as {@value #USER_ID}.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-ID";
    public static final String METADATA_KEY = "correlationId";
    public static final String MDC_KEY = METADATA_KEY;
    /** The authenticated user's name, in metadata and the MDC: who caused a command or event. */
    public static final String USER_ID = "userId";

    /** What a client may send: short, printable, safe to echo in headers and logs. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationIds() {
    }

    /** The client's id when it is acceptable, a fresh one otherwise. */
    public static String acceptOrCreate(String fromClient) {
        return fromClient != null && ACCEPTED.matcher(fromClient).matches()
               ? fromClient
               : UUID.randomUUID().toString();
    }
}
