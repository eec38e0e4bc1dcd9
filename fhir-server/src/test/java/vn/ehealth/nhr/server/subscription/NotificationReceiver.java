package vn.ehealth.nhr.server.subscription;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver of rest-hook notifications (the app backend's side), on a free port of
 * 127.0.0.1: records every request and answers with the statuses it was told to, then 200.
 */
final class NotificationReceiver implements AutoCloseable {

    record Received(String method, String path, String contentType, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    NotificationReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer status = statuses.poll();
            int answer = status == null ? 200 : status;
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests get these statuses, in order (500: the receiver is failing). */
    NotificationReceiver answering(int... next) {
        for (int s : next) {
            statuses.add(s);
        }
        return this;
    }

    /** The endpoint to put in {@code Subscription.channel.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/so-suc-khoe/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests about {@code type/id} ({@code PUT <endpoint>/<type>/<id>}). */
    List<Received> about(String typeAndId) {
        return received.stream().filter(r -> r.path().endsWith("/" + typeAndId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
