package org.crmhub.live;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.crmhub.collaboration.Comments;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.Text;
import org.crmhub.errors.UserError;
import org.crmhub.errors.UserErrorException;
import org.crmhub.item.ItemType;
import org.crmhub.meeting.Meetings;
import org.crmhub.report.PublishedReports;
import org.crmhub.resource.Resources;
import org.crmhub.security.GrantEnds;
import org.crmhub.security.Viewer;
import org.crmhub.task.Task;
import org.crmhub.task.Tasks;
import org.crmhub.visibility.ClearanceConnectionFactory;
import org.crmhub.visibility.VisibilityPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One subscriber's stream of changes: the events of its work plan after its starting position
 * (a resume cursor, or the present), in log order without gap or duplicate, each checked against
 * the subscriber's visibility when it is delivered (never only when the subscription started).
 */
@Service
class LiveChanges {

    /** What a subscriber learns of one change, after the visibility check. */
    record Change(String kind, ItemType type, UUID itemId, Object item, String cursor, OffsetDateTime at) {
    }

    /** The streams a subscriber can follow: the event log's item type and the item each event names. */
    enum Topic {
        TASKS(ItemType.TASK, "task"),
        RESOURCES(ItemType.RESOURCE, "resource"),
        /** Comments added to any item of the plan. */
        COMMENTS(ItemType.COMMENT, "comment"),
        /** Decisions on task proposals (V11: a task leaving PROPOSED); the item is the task. */
        PROPOSAL_DECISIONS(ItemType.TASK, "proposal"),
        /** Meetings of the plan (V17), their minutes included. */
        MEETINGS(ItemType.MEETING, "meeting"),
        /** Report editions published (V16); the item is the edition, which is not a node type. */
        REPORTS(null, "published_report");

        final ItemType itemType;
        final String logType;

        Topic(ItemType itemType, String logType) {
            this.itemType = itemType;
            this.logType = logType;
        }
    }

    /**
     * Reads that met a lost connection run again. After a database restart (or a killed backend)
     * the pool can still hand out a connection that died since it was last used: a subscriber must
     * not be closed for that, and a read is safe to repeat.
     */
    private static final Retry AFTER_LOST_CONNECTION = Retry.backoff(5, Duration.ofMillis(50))
            .maxBackoff(Duration.ofSeconds(1)).filter(LiveChanges::lostConnection);
    /** Reactor's cache keeps a value for ever for exactly this duration. */
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final ChangeFeed feed;
    private final Tasks tasks;
    private final Resources resources;
    private final Comments comments;
    private final Meetings meetings;
    private final PublishedReports publishedReports;
    private final long maxLag;
    private final AtomicInteger subscribers = new AtomicInteger();
    /** One read of a changed item per event and clearance, shared by all subscribers (10,000 of them). */
    private final Map<String, Mono<Object>> items = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mono<Object>> eldest) {
            return size() > 4096;
        }
    });

    LiveChanges(ChangeFeed feed, Tasks tasks, Resources resources, Comments comments, Meetings meetings,
                PublishedReports publishedReports,
                @Value("${hub.live.max-lag:50000}") long maxLag) {
        this.publishedReports = publishedReports;
        this.feed = feed;
        this.tasks = tasks;
        this.resources = resources;
        this.comments = comments;
        this.meetings = meetings;
        this.maxLag = maxLag;
    }

    /**
     * The subscriber's changes until {@code end} says why its grant ended (the token expired or
     * was revoked): the stream then ends with UNAUTHENTICATED and the cursor of the last change
     * it was given (or of where it started), so that, signed in again, it resumes without a gap.
     * Without {@code withItem} (the subscription does not select the item), a task or resource
     * change is told from the event log alone, without reading the item.
     */
    Flux<Change> changes(Viewer viewer, Topic topic, UUID workPlanId, String afterCursor, Mono<String> end, boolean withItem) {
        Long after = afterCursor == null ? null : decode(afterCursor);
        Mono<Long> oldest = feed.oldest().retryWhen(AFTER_LOST_CONNECTION);
        Mono<Void> resumable = after == null ? Mono.empty() : oldest.flatMap(first -> first > after + 1
                ? Mono.error(new UserErrorException(UserError.invalid(List.of("after"), "error.cursorTooOld")))
                : Mono.empty());
        // the position up to which this subscriber has been given everything it may see
        AtomicLong given = new AtomicLong(after == null ? -1 : after);
        AtomicReference<String> ended = new AtomicReference<>();
        // false while it replays the log from its cursor: then each item is read for it alone (below)
        AtomicBoolean live = new AtomicBoolean(after == null);
        return resumable.thenMany(events(workPlanId, topic.logType, after, start -> given.compareAndSet(-1, start), live))
                .concatMap(event -> present(viewer, topic, event, withItem, live.get())
                        .doOnNext(change -> given.set(event.position()))
                        .switchIfEmpty(Mono.fromRunnable(() -> given.set(event.position()))))
                .takeUntilOther(end.doOnNext(ended::set))
                .concatWith(Flux.defer(() -> ended.get() == null ? Flux.empty()
                        : Flux.error(streamEnded(ended.get(), given.get()))));
    }

    /** UNAUTHENTICATED: the grant ended (GrantEnds' reason); resume after {@code position}. */
    static UserErrorException streamEnded(String reason, long position) {
        return new UserErrorException(UserError.of(ErrorCode.UNAUTHENTICATED, List.of("after"), "error.streamEnded",
                endedBecause(reason), encode(Math.max(0, position))));
    }

    /** CONFLICT: the subscriber fell more than {@code limit} changes behind; resume after {@code position}. */
    static UserErrorException tooSlow(long limit, long position) {
        return new UserErrorException(UserError.of(ErrorCode.CONFLICT, List.of("after"), "error.subscriberTooSlow",
                String.valueOf(limit), encode(Math.max(0, position))));
    }

    /**
     * The raw events of one plan and item type, from {@code after} (or from now) on. The stream
     * pulls: it reads the next page only when the subscriber has taken the previous one, so a
     * slow subscriber holds no buffer of its own; once it has caught up, falling more than
     * {@code hub.live.max-lag} positions behind the log's head closes it with a resume cursor.
     */
    Flux<ChangeEvent> events(UUID workPlanId, String itemType, Long after) {
        return events(workPlanId, itemType, after, start -> { }, new AtomicBoolean());
    }

    /**
     * As above; {@code onStart} learns the position the stream starts after (the head, without
     * {@code after}), and {@code live} becomes true once the stream has caught up with the log.
     */
    private Flux<ChangeEvent> events(UUID workPlanId, String itemType, Long after, LongConsumer onStart, AtomicBoolean live) {
        return Flux.<ChangeEvent>defer(() -> {
            AtomicLong delivered = new AtomicLong(after != null ? after : feed.head());
            if (delivered.get() >= 0) {
                onStart.accept(delivered.get());
            }
            AtomicBoolean caughtUp = new AtomicBoolean(after == null);
            // listen first, then read the head: a head reached in between is not missed
            // each subscriber works on a parallel worker, so that one event's fan-out to thousands of
            // subscribers uses every core instead of the listener's thread alone
            Flux<Long> ticks = Flux.merge(feed.heads(), Mono.fromSupplier(feed::head)).onBackpressureLatest()
                    .publishOn(Schedulers.parallel(), 1);
            return ticks.concatMap(head -> {
                long from = delivered.get();
                if (from < 0) {   // the feed had not connected yet when the subscription began
                    delivered.set(head);
                    onStart.accept(head);
                    return Flux.empty();
                }
                if (head <= from) {
                    return Flux.empty();
                }
                if (caughtUp.get() && head - from > maxLag) {
                    return Flux.error(tooSlow(maxLag, from));
                }
                return pages(from, head, workPlanId, itemType)
                        .doOnNext(e -> delivered.set(e.position()))
                        .doOnComplete(() -> {
                            delivered.set(head);
                            caughtUp.set(true);
                            live.set(true);
                        });
            }, 1);
        }).doOnSubscribe(s -> subscribers.incrementAndGet()).doFinally(s -> subscribers.decrementAndGet());
    }

    /** Why a grant ended (GrantEnds' reasons), as a person reads it. */
    static Text endedBecause(String reason) {
        return Text.of(GrantEnds.REVOKED.equals(reason) ? "error.accessRevoked" : "error.tokenExpired");
    }

    /** The subscriptions this instance serves now (the metric hub.live.subscribers). */
    int subscribers() {
        return subscribers.get();
    }

    private static final long PAGE = 1000;

    /** The events in (from, upTo], a page of positions at a time, each page read when needed. */
    private Flux<ChangeEvent> pages(long from, long upTo, UUID workPlanId, String itemType) {
        return Flux.defer(() -> {
            long to = Math.min(upTo, from + PAGE);
            Flux<ChangeEvent> page = feed.between(from, to, workPlanId, itemType);
            return to < upTo ? page.concatWith(pages(to, upTo, workPlanId, itemType)) : page;
        });
    }

    /** The change as this viewer may see it, or nothing. */
    private Mono<Change> present(Viewer viewer, Topic topic, ChangeEvent event, boolean withItem, boolean live) {
        ItemType type = topic.itemType;
        String cursor = encode(event.position());
        if (topic == Topic.COMMENTS || topic == Topic.PROPOSAL_DECISIONS || topic == Topic.REPORTS) {
            // news of an item the viewer may see now; nothing otherwise (no REVOKED for news)
            if (!VisibilityPolicy.canSee(viewer, Boolean.TRUE.equals(event.reservedAfter()))) {
                return Mono.empty();
            }
            Mono<Object> item = item(viewer, topic, event, live);
            if (topic == Topic.PROPOSAL_DECISIONS) {
                item = item.filter(task -> VisibilityPolicy.hearsOfProposalDecision(viewer, ((Task) task).proposedBy(),
                        ((Task) task).proposedByOrganisations()));
            }
            return item.map(found -> new Change(event.kind(), type, event.itemId(), found, cursor, event.at()));
        }
        boolean before = !"CREATED".equals(event.kind()) && VisibilityPolicy.canSee(viewer, event.reservedBefore());
        boolean after = !"DELETED".equals(event.kind()) && VisibilityPolicy.canSee(viewer, event.reservedAfter());
        if (!before && !after) {
            return Mono.empty();
        }
        if (!after) {
            // it left the viewer's view: only its ID, never its content
            String kind = "DELETED".equals(event.kind()) ? "DELETED" : "REVOKED";
            return Mono.just(new Change(kind, type, event.itemId(), null, cursor, event.at()));
        }
        String kind = before ? "UPDATED" : "CREATED";
        if (!withItem) {
            // the ID, kind and time only: the event's effective classification after the change
            // (written by the database in the changing transaction) says the viewer could see it
            // then; a later reclassification or deletion is a later event (REVOKED, DELETED)
            return Mono.just(new Change(kind, type, event.itemId(), null, cursor, event.at()));
        }
        // the item as this viewer may read it now, through both walls. Gone from their view since
        // (reserved or deleted by a later change, which a later event reports as REVOKED or
        // DELETED), the change is still delivered, without the item: which changes a subscriber
        // receives follows from the log alone, never from when it happened to read them (a replay
        // after a reclassification gets the same kinds as a live subscriber did)
        return item(viewer, topic, event, live).map(item -> new Change(kind, type, event.itemId(), item, cursor, event.at()))
                .defaultIfEmpty(new Change(kind, type, event.itemId(), null, cursor, event.at()));
    }

    /**
     * The item an event names, as the viewer may read it now. Live subscribers share one read per
     * event and clearance (10,000 of them get the same change at once). A replay reads for itself:
     * a read cached when the change was new could show an item that has been reserved since.
     */
    private Mono<Object> item(Viewer viewer, Topic topic, ChangeEvent event, boolean live) {
        String clearance = ClearanceConnectionFactory.clearanceOf(viewer);
        if (!live) {
            return read(viewer, topic, event.itemId());
        }
        return items.computeIfAbsent(event.position() + "/" + clearance, key -> read(viewer, topic, event.itemId())
                // a failed read is not kept: the next subscriber of this event reads again
                .cache(item -> FOREVER, error -> Duration.ZERO, () -> FOREVER));
    }

    private Mono<Object> read(Viewer viewer, Topic topic, UUID id) {
        Mono<?> read = switch (topic) {
            case TASKS, PROPOSAL_DECISIONS -> tasks.task(viewer, id);
            case RESOURCES -> resources.resource(viewer, id);
            case MEETINGS -> meetings.meeting(viewer, id);
            case COMMENTS -> comments.comments(viewer, List.of(id)).flatMap(found -> Mono.justOrEmpty(found.get(id)));
            // the edition as the viewer may read it: the governments' edition is reserved, and
            // nothing of a plan the viewer may no longer see
            case REPORTS -> publishedReports.published(viewer, id);
        };
        return read.map(o -> (Object) o).retryWhen(AFTER_LOST_CONNECTION)
                .contextWrite(ClearanceConnectionFactory.forViewer(viewer));
    }

    private static boolean lostConnection(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException) {
                return true;
            }
        }
        return false;
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("change:" + position).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("change:")) {
                long position = Long.parseLong(text.substring(7));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new UserErrorException(UserError.invalid(List.of("after"), "error.notAChangeCursor"));
    }
}
