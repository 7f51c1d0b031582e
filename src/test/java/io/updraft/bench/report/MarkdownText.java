package io.updraft.bench.report;

/** The prose of docs/benchmarks.md; the numbers around it are the run's. */
final class MarkdownText {
    private MarkdownText() {
    }

    static final String METHOD = """
            One command reproduces every number on this page:

            ```
            bench/run                  # the full run, ~30 minutes; rewrites this file, benchmarks.json and the plot
            bench/run --profile=smoke  # about a minute; the same code, tiny sizes, H2 only, output in target/bench (mvn verify runs it)
            ```

            Options (`--stores=h2,postgresql`, `--connections=1,4,16,64`, `--warmup=2s`, `--measured=6s`,
            `--mqtt-devices=5000`, `--seeded-devices=100000`, `--rollout-devices=5000`, `--rollout-per-minute=1000`,
            `--rollout-download-every=10`, `--creation-devices=100000`, `--jmh=false`, `--output=dir`) are in
            `BenchOptions`; `--rollout-devices=0` skips the rollout.

            ## Method

            - **Load generator** (`io.updraft.bench.http`): closed loop, a fixed number of connections, each an HTTP/1.1
              keep-alive socket driven by its own thread. Every request is signed for real with the server's own
              `SignatureV1` / `SignatureV3` code, with a fresh `SignatureNonce` / `x-acs-signature-nonce` and timestamp;
              V1 as pop-core's POST sends it (form body), V3 as the Tea SDK sends it. Each point runs a warm-up, then a
              measured window; latency (request written → last byte read) goes into an HDR histogram per connection,
              merged at the end. Requests answered with status ≥ 400 are counted as errors.
            - **Server**: `UpdraftServer` in the same JVM as the load generator, on a fresh data dir, with the test
              bootstrap whose account `globex` has its QPS quota lifted to 100,000 per Action. Log output (access log at
              INFO, as in production) goes to a file.
            - **Scenarios**: `list-modules` = ListOTAModuleByProduct on a product with 10 modules;
              `create-delete-modules` = CreateOTAModule then DeleteOTAModule of the same module, each pair on the next of
              many products; `mixed-90-10` = 90 % ListOTAModuleByProduct and 10 % writes (a create, or the delete of the
              module that connection created last) over 1,000 products with one module each.
            - **Baseline**: a bare Javalin/Jetty 12 endpoint in the same process answering a fixed JSON body of the same
              size as the real ListOTAModuleByProduct response: no parsing, signing, database or quota. It receives the
              same signed requests, so the client's cost is the same. Each scenario is measured right after the baseline
              at the same connection count; **the ratio scenario ÷ baseline is the headline**: how much of what this
              machine can serve over HTTP at all Updraft delivers.
            - **Start-up and memory**: `java -cp <runtime classpath> io.updraft.Main serve` as a child process
              (default JVM flags). Start-up = process start until `/health` answers 200, once on an empty data dir
              and once on a store seeded with N devices (inserted straight into the stopped server's store: the
              `DeviceRepository` INSERT, batched). RSS = `VmRSS` of `/proc/<pid>/status`, idle 3 s after start, and
              the peak (sampled every 200 ms) under the HTTP load (list-modules at the headline connection count)
              and under the MQTT load.
            - **MQTT**: simulated devices on HiveMQ's async MQTT client connect to the child server with the Alibaba
              sign scheme (`securemode=3,signmethod=hmacsha256`, ota-api.md F.0), then each publishes a QoS 1 version
              report every interval. A report counts as stored when its PUBACK arrives (the broker acknowledges only
              after the store has it). A probe device publishes unique versions and polls
              ListOTAModuleVersionsByDevice until each one shows up: that is the visibility delay.
            - **Rollout** (`io.updraft.bench.rollout`): a child server on a fresh data dir; two products made through
              the API, then (server stopped) N devices seeded into one and C into the other, as for start-up. N simulated
              devices (the MQTT clients above) connect, subscribe to `/ota/device/upgrade/{pk}/{dn}` and report version
              1.0. A package (64 KiB, upload form + CreateOTAFirmware, `NeedToVerify=false`) and a static ALL batch with
              MaximumPerMinute = M. On a push a device publishes progress 50, then (every n-th device only) downloads the
              pushed URL over HTTP in one GET, at most 8 downloads at once on the benchmark's side, then progress 100
              and an inform with the pushed version — each a QoS 1 publish after the previous PUBACK. The others skip
              the download, so the pacing, not the file transfer, sets the pace. ListOTATaskByJob
              (`TaskStatus=SUCCEEDED`, PageSize 1) is polled every second until its Total is N: "create → all
              SUCCEEDED" counts from the create answer. With N = 5 M, the fifth minute's devices cannot be notified
              before 4 minutes have passed, so that figure is at least 240 s. After the run the server is stopped and
              the tasks' `notified_at` is read from its store: "most notified in any 60 s" is the maximum over every
              window [t, t + 60 s), the window the limit is defined on; "most received" is the same over the pushes'
              arrival at the devices, which adds delivery jitter: it may exceed M, when the late tail of one minute's
              pushes and the early head of the next fall into one window; "notified → received" is per device, from `notified_at` (read at the start of the
              dispatcher's round, before its commit) to the first push's arrival.
            - **Batch creation** (same server, after the rollout): a static ALL batch over the second product's C
              devices, none connected. "Create answer" is CreateOTAStaticUpgradeJob's latency; then ListOTATaskByJob's
              Total is polled every 100 ms from the create call until it reaches C (tasks may be made after the answer);
              then 20 calls each, one at a time: ListOTATaskByJob page 1 (PageSize 100), ListOTATaskByJob
              `TaskStatus=QUEUED` (PageSize 1, i.e. a state count) and QueryOTAJob.
            - **PostgreSQL**: an embedded PostgreSQL 14 (zonky, the tests' `TestStore`) on the same machine, default
              settings plus `max_connections=300`, a fresh database per server. On PostgreSQL Updraft also keeps nonces
              and quota windows in the database (for clusters), so every request writes there.
            - **Micro-benchmarks**: JMH (forked JVM) for signature verification (V1, V3) and for rendering a
              10-module ListOTAModuleByProduct response as JSON and XML.

            """;

    static final String CAVEATS = """
            ## How to read these numbers

            - The machine is a shared 2-core VM; other builds ran during the measurement (see the load averages above).
              The load generator, the server, the baseline and the embedded PostgreSQL all share the same 2 cores, so
              absolute requests/s are lower bounds and vary run to run, by tens of percent. The ratio to the baseline,
              measured minutes apart in the same run, is the steadier figure; compare runs through benchmarks.json.
            - Single measurements (one start-up each, one window per point) have no error bars; the JMH scores do.
            - What would change them: dedicated cores and a load generator on another machine (today it takes CPU
              from the server); PostgreSQL on its own host with tuned `shared_buffers`/`synchronous_commit`; a larger
              `--db-pool-size`; `-Xmx`/GC flags for the server (RSS here is with the JVM's default heap sizing, which
              grows the heap lazily).
            - MQTT: every connection is two file descriptors when server and devices share a host; with a hard limit
              of 20,000 open files per process, devices run in the benchmark JVM and the server in its own, so each
              holds one side. The device count is a parameter (`--mqtt-devices`). The rollout's devices are split
              the same way; since the one server holds all N sockets, N stops at 19,000 (`--rollout-devices`), and
              more would need more server nodes, not more device processes.
            - Rollout: with N = 5 M the duration is bounded below by the limit (four full minutes of waiting), so it
              says how soon after each minute's budget opens the devices are through, not how fast Updraft could go;
              the pacing columns are the figures to compare with M. A few devices download (HTTP, 8 at once on the
              benchmark's side); the rest report straight away.
            """;
}
