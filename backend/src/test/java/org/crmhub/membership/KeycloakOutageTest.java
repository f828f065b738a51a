package org.crmhub.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.crmhub.security.Role;
import org.crmhub.errors.ErrorCode;
import org.crmhub.errors.UserErrorException;
import org.junit.jupiter.api.Test;

/** An identity server that is down or does not answer becomes UNAVAILABLE, not a crash. */
class KeycloakOutageTest {

    private static KeycloakAccounts accountsAt(String url) {
        return new KeycloakAccounts(url, "crm-hub", "tripartite-hub", "secret", Duration.ofMillis(700));
    }

    @Test
    void aServerThatIsDownIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        UserErrorException e = catchThrowableOfType(UserErrorException.class,
                () -> accountsAt("http://127.0.0.1:" + closedPort).invite("a@b.org", "A", "B", "SV", Role.GOVERNMENT));
        assertThat(e.errors().get(0).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsUnavailable() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());   // accept and never answer
                    }
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            UserErrorException e = catchThrowableOfType(UserErrorException.class,
                    () -> accountsAt("http://127.0.0.1:" + silent.getLocalPort()).membersOf("SV"));
            assertThat(e.errors().get(0).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
