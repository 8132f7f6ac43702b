package io.assay.stack.kafka;

import java.nio.file.Path;

/**
 * The embedded broker's settings.
 *
 * @param port client port; 0 picks a free one
 * @param controllerPort KRaft controller port; 0 picks a free one
 * @param dataDir where the broker keeps its logs and metadata, so a restart keeps topics and offsets
 * @param defaultPartitions partitions of topics created without a count
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir, int defaultPartitions) {}
