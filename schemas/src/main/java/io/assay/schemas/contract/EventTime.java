package io.assay.schemas.contract;

import java.time.Duration;

/** Which field holds the event time and how far from now it may lie. */
public record EventTime(String field, Duration maxFuture, Duration maxAge) {}
