package org.crmhub.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A graphql-transport-ws subscriber that stops reading once it has subscribed, as a client whose
 * process froze would: its socket's receive buffer is tiny, so the hub's writes back up at once.
 * Written on a plain socket, because a WebSocket client library reads whatever arrives.
 */
public final class StalledSubscriber implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Connects, authenticates with the token and subscribes to the document with {@code plan} and a null {@code after}. */
    public StalledSubscriber(int port, String token, String document, String plan) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        out.write(("GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n").getBytes(UTF_8));
        String headers = headers();
        if (!headers.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + headers);
        }
        send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
        String ack = readUntil(m -> m.contains("connection_ack")).get(0);
        if (!ack.contains("connection_ack")) {
            throw new IOException("not acknowledged: " + ack);
        }
        send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":" + quoted(document)
                + ",\"variables\":{\"plan\":\"" + plan + "\",\"after\":null}}}");
    }

    /** The text messages from now on, until one the predicate accepts (included). */
    public List<String> readUntil(Predicate<String> last) throws IOException {
        List<String> messages = new ArrayList<>();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if ((first & 0x0f) == 0x1) {   // a text frame (the hub sends each message whole)
                String message = new String(payload, UTF_8);
                messages.add(message);
                if (last.test(message)) {
                    return messages;
                }
            }
        }
    }

    private String headers() throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(UTF_8).endsWith("\r\n\r\n")) {
            read.write(in.readUnsignedByte());
        }
        return read.toString(UTF_8);
    }

    /** A masked text frame, as a client must send. */
    private void send(String text) throws IOException {
        byte[] payload = text.getBytes(UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
