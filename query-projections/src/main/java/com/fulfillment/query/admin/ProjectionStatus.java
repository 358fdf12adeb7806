package com.fulfillment.query.admin;

/**
 * How one projection's processor stands on this node. {@code position} is the lowest event position
 * its segments reached; a rebuild is done when the projection is no longer {@code replaying} and has
 * {@code caughtUp}. Until then {@code replayProgress} runs from 0 to 1 towards {@code replayUntil},
 * the head of the event stream when the rebuild started; it is {@code null} outside a rebuild.
 */
public record ProjectionStatus(
        String projection,
        boolean running,
        boolean replaying,
        boolean caughtUp,
        int claimedSegments,
        Long position,
        Long replayUntil,
        Double replayProgress,
        long deadLetters,
        String error) {}
