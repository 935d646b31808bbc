package dev.nudge.tracking;

import dev.nudge.InvalidInputException;
import dev.nudge.Nudge;
import dev.nudge.Tracking;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open-pixel and unsubscribe endpoints of a {@link Nudge}, for a host to call from its own web
 * framework. Mount them under one base URL and give the engine the URLs of {@link
 * #trackingAt(String)}: the pixel is {@code <base>o/<token>}, the unsubscribe link {@code
 * <base>u/<token>}. A token may also come as the parameter {@code t} ({@code <base>o?t=<token>}),
 * for hosts whose bases end in a query.
 *
 * <ul>
 *   <li>{@code GET o/<token>} records an open and answers a 1&times;1 transparent GIF that is never
 *       cached — whatever the token, and also when the open cannot be recorded.
 *   <li>{@code GET u/<token>} answers a page with an unsubscribe button and changes nothing: mail
 *       scanners follow links, people press buttons.
 *   <li>{@code POST u/<token>} with the parameter {@code List-Unsubscribe=One-Click} (RFC 8058, as
 *       mail providers send it and as the page's button does) unsubscribes the address.
 * </ul>
 *
 * A forged, damaged or missing token records nothing and gets the same answer as a valid one, so
 * the endpoints tell nobody which tokens are valid. Thread-safe.
 */
public final class TrackingEndpoints {
  /** The route of the open pixel, below the base. */
  public static final String OPEN_ROUTE = "o";

  /** The route of the unsubscribe page and its one-click POST, below the base. */
  public static final String UNSUBSCRIBE_ROUTE = "u";

  /** The parameter that carries a token when the path does not. */
  public static final String TOKEN_PARAMETER = "t";

  private static final Logger LOG = LoggerFactory.getLogger("dev.nudge.tracking");

  private final Nudge nudge;
  private final @Nullable String organization;

  private TrackingEndpoints(Nudge nudge, @Nullable String organization) {
    this.nudge = Objects.requireNonNull(nudge, "nudge");
    this.organization = organization;
  }

  /** The endpoints of an engine. */
  public static TrackingEndpoints of(Nudge nudge) {
    return new TrackingEndpoints(nudge, null);
  }

  /**
   * A copy whose unsubscribe pages name the sender ("emails from Acme Recruiting").
   *
   * @throws InvalidInputException when the name is blank or longer than 200 characters
   */
  public TrackingEndpoints named(String organization) {
    if (organization == null || organization.isBlank() || organization.length() > 200) {
      throw new InvalidInputException("organization", "must be 1 to 200 characters");
    }
    return new TrackingEndpoints(nudge, organization.strip());
  }

  /**
   * The tracking settings whose URLs these endpoints read, for {@code Nudge.builder().tracking}:
   * the pixel under {@code publicBase + "o/"}, the unsubscribe link under {@code publicBase +
   * "u/"}.
   *
   * @param publicBase where the host serves the endpoints as seen from the Internet, ending in
   *     {@code /}, e.g. {@code https://t.example.com/nudge/}
   * @throws InvalidInputException when the base is not an absolute http(s) URL ending in {@code /}
   */
  public static Tracking trackingAt(String publicBase) {
    if (publicBase == null || !publicBase.endsWith("/") || publicBase.contains("?")) {
      throw new InvalidInputException(
          "publicBase", "must be an absolute http(s) URL ending in '/', without a query");
    }
    return Tracking.of(
        publicBase + OPEN_ROUTE + "/", publicBase + UNSUBSCRIBE_ROUTE + "/"); // checks the rest
  }

  /**
   * Answers one request. Never throws for what a request holds; a store that cannot be reached
   * still gets the pixel answered, and an unsubscribe a {@code 503} page asking to try again.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the request path below the base where the endpoints are mounted, e.g. {@code
   *     o/k1.AbC...}; a leading {@code /} is ignored
   * @param parameters query and form parameters, the first value of each
   * @param prefetching whether the request looks like it comes from a prefetching proxy or a link
   *     scanner (see {@link #looksLikePrefetch}); such opens count as machine opens
   */
  public TrackingResponse handle(
      String method, String path, Map<String, String> parameters, boolean prefetching) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    int slash = p.indexOf('/');
    String route = slash < 0 ? p : p.substring(0, slash);
    String token = slash < 0 ? "" : p.substring(slash + 1);
    if (token.isEmpty()) {
      String given = parameters.get(TOKEN_PARAMETER);
      token = given == null ? "" : given.strip();
    }
    if (route.equals(OPEN_ROUTE)) {
      return open(m, token, prefetching);
    }
    if (route.equals(UNSUBSCRIBE_ROUTE)) {
      return unsubscribe(m, token, parameters);
    }
    return Pages.notFound();
  }

  private TrackingResponse open(String method, String token, boolean prefetching) {
    if (method.equals("GET") && !token.isEmpty()) {
      try {
        nudge.recordOpen(token, prefetching);
      } catch (RuntimeException e) {
        // the pixel is served regardless; the token is not logged
        LOG.warn("an open could not be recorded: {}", e.toString());
      }
    }
    return Pages.pixel();
  }

  private TrackingResponse unsubscribe(
      String method, String token, Map<String, String> parameters) {
    switch (method) {
      case "GET", "HEAD" -> {
        return Pages.confirm(organization);
      }
      case "POST" -> {
        if (!isOneClick(parameters)) {
          // not a one-click request: let a person confirm
          return Pages.confirm(organization);
        }
        if (!token.isEmpty()) {
          try {
            nudge.unsubscribeByToken(token);
          } catch (RuntimeException e) {
            LOG.warn("an unsubscribe could not be recorded: {}", e.toString());
            return Pages.tryAgain(organization);
          }
        }
        return Pages.done(organization);
      }
      default -> {
        return Pages.notAllowed();
      }
    }
  }

  private static boolean isOneClick(Map<String, String> parameters) {
    String value = parameters.get("List-Unsubscribe");
    return value != null && value.strip().equalsIgnoreCase("One-Click");
  }

  /**
   * Whether a request looks like it comes from a prefetching proxy or a link scanner rather than a
   * person opening the email: a {@code Purpose}, {@code Sec-Purpose}, {@code X-Purpose} or {@code
   * X-Moz} header saying prefetch or preview, no {@code User-Agent} or the bare {@code Mozilla/5.0}
   * of Apple's Mail Privacy Protection proxy, or a user agent naming a bot, crawler or known mail
   * scanner. A heuristic: the engine also counts opens within seconds of the send as machine opens.
   *
   * @param header the value of a request header by name (case-insensitive), or null when absent
   */
  public static boolean looksLikePrefetch(Function<String, @Nullable String> header) {
    for (String name : new String[] {"Purpose", "Sec-Purpose", "X-Purpose", "X-Moz"}) {
      String value = header.apply(name);
      if (value != null) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("prefetch") || v.contains("preview")) {
          return true;
        }
      }
    }
    String agent = header.apply("User-Agent");
    if (agent == null || agent.isBlank() || agent.strip().equals("Mozilla/5.0")) {
      return true;
    }
    String a = agent.toLowerCase(Locale.ROOT);
    for (String marker :
        new String[] {
          "bot", "crawler", "spider", "scanner", "barracuda", "mimecast", "proofpoint"
        }) {
      if (a.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "TrackingEndpoints[" + (organization == null ? "" : organization) + "]";
  }
}
