package org.cinderemu.deploy.trace;

import java.util.List;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;

/** What {@code cinder-emu trace ID} found: the requests, their raw hops, the joined steps and the status changes. */
record Trace(String id, List<String> requestIds, List<Hop> hops, List<Step> steps, List<StatusChange> changes) {
}
