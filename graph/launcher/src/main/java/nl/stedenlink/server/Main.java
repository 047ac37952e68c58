package nl.stedenlink.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1, for the Stedenlink service and its tests.
 *
 * <pre>
 * java [JVM flags] -cp 'classes:lib/*' nl.stedenlink.server.Main \
 *     --home var/neo4j --port 7687 --password-file var/neo4j/password \
 *     [--pagecache 512m] [--exit-on-stdin-eof]
 * </pre>
 *
 * Prints "STEDENLINK NEO4J READY bolt://127.0.0.1:PORT" once Bolt accepts connections with the
 * password, and shuts the database down cleanly on SIGTERM/SIGINT (and, with
 * --exit-on-stdin-eof, when the parent process goes away and its pipe closes).
 */
public final class Main {
    static final String READY = "STEDENLINK NEO4J READY";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        String password = Files.readString(Path.of(require(opts, "password-file")), StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            fail("the password in --password-file must have 8 characters at least");
        }
        long pagecache = bytes(opts.getOrDefault("pagecache", "512m"));

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // Without this every new transaction log takes 256 MB of disk up front.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Bolt waits 5 s twice at shutdown for clients; ours are gone by then (the API
                // stops first), so waiting only slows Ctrl-C and every test run.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STEDENLINK NEO4J STOPPING");
            service.shutdown();
            System.out.println("STEDENLINK NEO4J STOPPED");
            stopped.countDown();
        }, "neo4j-shutdown"));

        setPassword(service, password);
        if (opts.containsKey("exit-on-stdin-eof")) {
            watchStdin();
        }
        System.out.println(READY + " bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** Embedded code needs no login, so the password can always be (re)set from here. */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one it already has; that is fine.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** Exits (running the shutdown hook) when the parent that started us closes our stdin. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // the parent writes nothing; we only wait for end of file
                }
            } catch (IOException ignored) {
                // a broken pipe means the parent is gone too
            }
            System.exit(0);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument: " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("exit-on-stdin-eof")) {
                opts.put(key, "true");
            } else if (i + 1 < args.length) {
                opts.put(key, args[++i]);
            } else {
                fail("--" + key + " needs a value");
            }
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String key) {
        String value = opts.get(key);
        if (value == null) {
            fail("missing --" + key);
        }
        return value;
    }

    static long bytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = 1;
        if (s.endsWith("k")) unit = 1L << 10;
        else if (s.endsWith("m")) unit = 1L << 20;
        else if (s.endsWith("g")) unit = 1L << 30;
        if (unit != 1) s = s.substring(0, s.length() - 1);
        return Long.parseLong(s) * unit;
    }

    private static void fail(String message) {
        System.err.println("stedenlink launcher: " + message);
        System.exit(2);
    }
}
