package io.updraft.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.updraft.testing.RawClient;
import io.updraft.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-account, per-Action QPS quotas (protocol.md §13): shared by the account's root key and its RAM users, exact
 * over any sliding one-second window, and independent between accounts. The server runs in this JVM, so the
 * client's {@link System#nanoTime()} is the limiter's clock: each admission happened between a call's send and
 * receive times.
 */
class QuotaTest {
    private static final long SECOND = 1_000_000_000L;
    private final TestServer server = TestServer.shared();
    private final RawClient raw = new RawClient(server);

    record Outcome(String who, long sentAt, long receivedAt, RawClient.Response response) {
        boolean succeeded() {
            return response.status() == 200 && response.json().path("Success").asBoolean();
        }
    }

    private String createProduct(TestServer.Key key) {
        RawClient.Response r = raw.v1(key, "CreateProduct").param("ProductName", name("quota"))
                .param("NodeType", "0").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("ProductKey").asText();
    }

    private static String name(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CompletableFuture<Outcome> fire(String who, RawClient.Signed request) {
        long sentAt = System.nanoTime();
        return request.sendAsync().thenApply(r -> new Outcome(who, sentAt, System.nanoTime(), r));
    }

    /**
     * Calls whose whole [sent, received] interval fits in a span shorter than one second were admitted inside one
     * sliding window; for every such group, no more than {@code limit} may have succeeded.
     */
    private static void assertAtMostPerSlidingSecond(List<Outcome> outcomes, int limit) {
        List<Outcome> ok = outcomes.stream().filter(Outcome::succeeded)
                .sorted(Comparator.comparingLong(Outcome::sentAt)).toList();
        for (Outcome first : ok) {
            long windowEnd = first.sentAt() + SECOND;
            long inWindow = ok.stream()
                    .filter(o -> o.sentAt() >= first.sentAt() && o.receivedAt() < windowEnd).count();
            assertThat(inWindow).as("successes admitted within one second").isLessThanOrEqualTo(limit);
        }
    }

    private static void assertThrottled(Outcome o) {
        JsonNode body = GatewayErrorsTest.assertGatewayError(o.response(), 400, "Throttling.User",
                "Request was denied due to user flow control.");
        assertThat(body).isNotNull();
    }

    @Test
    void rootKeyAndRamUserShareTheAccountsQuotaWhileAnotherAccountIsNotSlowed() throws Exception {
        String limitedProduct = createProduct(TestServer.LIMITED);
        String globexProduct = createProduct(TestServer.GLOBEX);
        Thread.sleep(1100); // nothing else of 'limited' may sit in the UpdateProduct window

        List<RawClient.Signed> limited = new ArrayList<>();
        List<RawClient.Signed> globex = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestServer.Key key = i % 2 == 0 ? TestServer.LIMITED : TestServer.LIMITED_RAM;
            limited.add(raw.v1(key, "UpdateProduct").param("ProductKey", limitedProduct)
                    .param("ProductName", name("lim" + i)).sign());
        }
        for (int i = 0; i < 20; i++) {
            globex.add(raw.v1(TestServer.GLOBEX, "UpdateProduct").param("ProductKey", globexProduct)
                    .param("ProductName", name("glx" + i)).sign());
        }
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            calls.add(fire(i % 2 == 0 ? "root" : "ram", limited.get(i)));
            if (i % 2 == 0) {
                calls.add(fire("globex", globex.get(i / 2)));
            }
        }
        List<Outcome> outcomes = calls.stream().map(CompletableFuture::join).toList();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        List<Outcome> limitedOutcomes = outcomes.stream().filter(o -> !o.who().equals("globex")).toList();
        List<Outcome> globexOutcomes = outcomes.stream().filter(o -> o.who().equals("globex")).toList();
        long succeeded = limitedOutcomes.stream().filter(Outcome::succeeded).count();

        System.out.printf("limited: %d of 40 admitted, globex: %d of 20, in %d ms%n", succeeded,
                globexOutcomes.stream().filter(Outcome::succeeded).count(), elapsedMs);
        assertThat(limitedOutcomes).hasSize(40);
        assertThat(succeeded).as("the first 10 to arrive are admitted").isGreaterThanOrEqualTo(10);
        assertAtMostPerSlidingSecond(limitedOutcomes, 10);
        if (elapsedMs < 1000) {
            assertThat(succeeded).as("all 40 within %d ms", elapsedMs).isEqualTo(10);
        }
        limitedOutcomes.stream().filter(o -> !o.succeeded()).forEach(QuotaTest::assertThrottled);
        assertThat(limitedOutcomes.stream().filter(o -> !o.succeeded()).map(Outcome::who).distinct())
                .as("a shared quota refuses both the root key and the RAM user")
                .containsExactlyInAnyOrder("root", "ram");

        assertThat(globexOutcomes).hasSize(20).allSatisfy(o ->
                assertThat(o.succeeded()).as(o.response().toString()).isTrue());

        Thread.sleep(1100);
        Outcome later = fire("ram", raw.v1(TestServer.LIMITED_RAM, "UpdateProduct")
                .param("ProductKey", limitedProduct).param("ProductName", name("later")).sign()).join();
        assertThat(later.succeeded()).as("the window has slid: " + later.response()).isTrue();
    }

    @Test
    void cappedAccountGetsAtMostItsOverrideOf5() throws Exception {
        String product = createProduct(TestServer.CAPPED);
        Thread.sleep(1100);
        List<RawClient.Signed> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(raw.v1(TestServer.CAPPED, "QueryProduct").param("ProductKey", product).sign());
        }
        long started = System.nanoTime();
        List<CompletableFuture<Outcome>> calls = requests.stream().map(r -> fire("capped", r)).toList();
        List<Outcome> outcomes = calls.stream().map(CompletableFuture::join).toList();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        long succeeded = outcomes.stream().filter(Outcome::succeeded).count();
        System.out.printf("capped: %d of 20 admitted in %d ms%n", succeeded, elapsedMs);
        assertThat(succeeded).isGreaterThanOrEqualTo(5);
        assertAtMostPerSlidingSecond(outcomes, 5);
        if (elapsedMs < 1000) {
            assertThat(succeeded).as("all 20 within %d ms", elapsedMs).isEqualTo(5);
        }
        outcomes.stream().filter(o -> !o.succeeded()).forEach(QuotaTest::assertThrottled);
    }
}
