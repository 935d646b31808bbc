package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The builders fail fast: each setter once, typed settings, and {@code build()} names what is
 * missing.
 */
class BuildersTest {

  @Test
  void transportWithoutARoute_isRefused_namingTheRoute() {
    assertThatThrownBy(() -> SmtpMailTransport.builder().build())
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("route"))
        .hasMessageContaining("defaultRoute");
  }

  @Test
  void aMailboxHasOneRoute_comparedIgnoringCase() {
    SmtpRoute route = SmtpRoute.builder("smtp.example.com", 587).build();
    SmtpMailTransport.Builder b = SmtpMailTransport.builder().route("alice@acme.example", route);

    assertThatThrownBy(() -> b.route("ALICE@acme.example", route))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already set");
  }

  @Test
  void routeSetters_mayBeCalledOnce() {
    SmtpRoute.Builder b = SmtpRoute.builder("smtp.example.com", 587).tls(TlsMode.STARTTLS);

    assertThatThrownBy(() -> b.tls(TlsMode.NONE))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("route.tls"));
  }

  @Test
  void badSettings_nameTheirField() {
    assertThatThrownBy(() -> SmtpRoute.builder("smtp.example.com", 0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("route.port"));
    assertThatThrownBy(() -> SmtpRoute.builder("smtp.example.com", 587).readTimeout(Duration.ZERO))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("route.readTimeout"));
    assertThatThrownBy(() -> SmtpRoute.builder("smtp.example.com", 587).maxConnections(0))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("route.maxConnections"));
    assertThatThrownBy(() -> Credentials.password("alice\r\nRCPT TO:<x@y>", "pw"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("credentials.user"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "smtp.example.com:587",
        "smtps://smtp.example.com",
        "smtp.example.com/",
        "alice@smtp.example.com",
        "smtp example.com",
        " smtp.example.com",
        "smtp.example.com\u00a0",
        "smtp.example.com?x",
        "smtp.example.com::587",
        "[2001:db8::1]:587",
        "[2001:db8::1",
        "::ffff:10.0.0.1:587",
        "1:2:3",
        "999.999.999.999",
        "1.2.3.4.5",
        "-smtp.example.com",
        "smtp-.example.com",
        "-",
        "smtp\u200b.example.com",
        ""
      })
  void aHostThatIsNoHostName_isRefusedWhenTheRouteIsBuilt_namingItsField(String host) {
    assertThatThrownBy(() -> SmtpRoute.builder(host, 587))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("route.host"));
    assertThatThrownBy(() -> ImapRoute.builder(host, 993))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("imapRoute.host"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "smtp.example.com",
        "127.0.0.1",
        "::1",
        "2001:db8::25",
        "[2001:db8::25]",
        "::ffff:192.0.2.1",
        "1:2:3:4:5:6:7::",
        "smtp.example.com.",
        "localhost",
        "mail.bücher.example"
      })
  void aHostNameOrAnIpAddress_isTaken(String host) {
    assertThat(SmtpRoute.builder(host, 587).build().host()).isEqualTo(host);
    assertThat(
            ImapRoute.builder(host, 993).credentials(Credentials.password("u", "p")).build().host())
        .isEqualTo(host);
  }

  @Test
  void routeDefaults_areSecureAndBounded() {
    SmtpRoute r = SmtpRoute.builder("smtp.example.com", 587).build();

    assertThat(r.tls()).isEqualTo(TlsMode.STARTTLS);
    assertThat(r.sslContext()).isEmpty();
    assertThat(r.maxConnections()).isEqualTo(SmtpRoute.DEFAULT_MAX_CONNECTIONS);
    assertThat(r.connectTimeout()).isPositive();
    assertThat(r.readTimeout()).isPositive();
    assertThat(r.writeTimeout()).isPositive();
  }
}
