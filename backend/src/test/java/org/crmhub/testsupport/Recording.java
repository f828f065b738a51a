package org.crmhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * What a stream (a subscription) has delivered so far, and how it ended. A test waits on the
 * items with {@link #awaitUntil}; a stream that fails or completes before the wait is over fails
 * the wait at once, showing its error, instead of passing for a slow one. An end the test expects
 * (a closed instance, a refusal) is awaited explicitly with {@link #awaitFailure}; any other end is
 * reported by {@link #stop}, so nothing a stream says is ever dropped.
 */
public final class Recording<T> {

    /** How long anything delivered asynchronously may take. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<T> items = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean endExpected = new AtomicBoolean();
    private final Disposable subscription;

    private Recording(Publisher<T> stream) {
        subscription = Flux.from(stream).subscribe(items::add, failure::set, () -> completed.set(true));
    }

    /** Subscribes to a stream and records it. */
    public static <T> Recording<T> of(Publisher<T> stream) {
        return new Recording<>(stream);
    }

    /** Everything delivered so far, in order (a live, thread-safe view). */
    public List<T> items() {
        return items;
    }

    /** Waits until the items satisfy a condition; fails at once if the stream ends first. */
    public void awaitUntil(Predicate<List<T>> done) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .failFast("the stream ended before the awaited items arrived", this::assertOpen)
                .untilAsserted(() -> assertThat(done.test(items)).as("items received: %s", items).isTrue());
    }

    /** Fails if the stream has failed or completed. */
    public void assertOpen() {
        Throwable error = failure.get();
        if (error != null) {
            throw new AssertionError("the stream failed: " + error + "; items received: " + items, error);
        }
        if (completed.get()) {
            throw new AssertionError("the stream completed; items received: " + items);
        }
    }

    /** Waits for the failure the test expects (and no completion instead) and returns it. */
    public Throwable awaitFailure() {
        endExpected.set(true);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .failFast("the stream completed instead of failing", completed::get)
                .until(() -> failure.get() != null);
        return failure.get();
    }

    /** Waits for the completion the test expects (and no failure instead). */
    public void awaitCompletion() {
        endExpected.set(true);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .failFast("the stream failed instead of completing", () -> failure.get() != null)
                .until(completed::get);
    }

    /** Cancels the stream; fails if it had ended in a way the test did not await. */
    public void stop() {
        subscription.dispose();
        if (!endExpected.get()) {
            assertOpen();
        }
    }
}
