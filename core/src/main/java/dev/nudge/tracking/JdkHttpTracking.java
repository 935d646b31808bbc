package dev.nudge.tracking;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.nudge.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@link TrackingEndpoints} on the JDK's built-in HTTP server ({@code
 * com.sun.net.httpserver}, module {@code jdk.httpserver}):
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * JdkHttpTracking.register(server, "/nudge/", TrackingEndpoints.of(nudge));
 * server.start(); // with Nudge.builder().tracking(TrackingEndpoints.trackingAt(
 *                 //     "https://t.example.com/nudge/")) behind a TLS proxy
 * }</pre>
 *
 * Requests run on the server's executor; each calls the engine once. Query parameters and
 * URL-encoded or multipart form bodies (up to 8 KiB) are read; whether a request is a prefetch is
 * judged by {@link TrackingEndpoints#looksLikePrefetch} on its headers.
 */
public final class JdkHttpTracking {
  private static final int MAX_BODY = 8 * 1024;
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

  private JdkHttpTracking() {}

  /**
   * Creates a context of the server at {@code contextPath} that serves the endpoints below it.
   *
   * @param contextPath where the endpoints are mounted, starting and ending with {@code /}, e.g.
   *     {@code /nudge/}; the path of the public base given to {@link TrackingEndpoints#trackingAt}
   * @return the context, e.g. to add filters or authentication
   */
  public static HttpContext register(
      HttpServer server, String contextPath, TrackingEndpoints endpoints) {
    if (contextPath == null || !contextPath.startsWith("/") || !contextPath.endsWith("/")) {
      throw new InvalidInputException("contextPath", "must start and end with '/'");
    }
    return server.createContext(contextPath, handler(endpoints));
  }

  /**
   * A handler for a context the host created itself; paths are read relative to the context's path.
   */
  public static HttpHandler handler(TrackingEndpoints endpoints) {
    return exchange -> serve(exchange, endpoints);
  }

  private static void serve(HttpExchange exchange, TrackingEndpoints endpoints) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String context = exchange.getHttpContext().getPath();
      String relative =
          path == null ? "" : path.startsWith(context) ? path.substring(context.length()) : path;
      Map<String, String> parameters = new LinkedHashMap<>();
      parse(exchange.getRequestURI().getRawQuery(), parameters);
      if (method.equalsIgnoreCase("POST")) {
        readForm(exchange, parameters);
      }
      boolean prefetching =
          TrackingEndpoints.looksLikePrefetch(name -> exchange.getRequestHeaders().getFirst(name));
      TrackingResponse response = endpoints.handle(method, relative, parameters, prefetching);

      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      boolean head = method.equalsIgnoreCase("HEAD");
      if (head || response.contentLength() == 0) {
        exchange.sendResponseHeaders(response.status(), -1);
      } else {
        exchange.sendResponseHeaders(response.status(), response.contentLength());
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } finally {
      exchange.close();
    }
  }

  private static void readForm(HttpExchange exchange, Map<String, String> parameters)
      throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null) {
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    String t = type.toLowerCase(Locale.ROOT);
    if (t.startsWith("application/x-www-form-urlencoded")) {
      parse(new String(body, StandardCharsets.UTF_8), parameters);
    } else if (t.startsWith("multipart/form-data")) {
      Matcher m = BOUNDARY.matcher(type);
      if (m.find()) {
        multipart(new String(body, StandardCharsets.UTF_8), m.group(1), parameters);
      }
    }
  }

  /** Reads {@code a=1&b=2}; the first value of a name wins. */
  private static void parse(@Nullable String query, Map<String, String> into) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        into.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: the pair is ignored
      }
    }
  }

  /** Reads the simple text fields of a {@code multipart/form-data} body. */
  private static void multipart(String body, String boundary, Map<String, String> into) {
    for (String part : body.split(Pattern.quote("--" + boundary), -1)) {
      int blank = part.indexOf("\r\n\r\n");
      if (blank < 0) {
        continue;
      }
      Matcher name = PART_NAME.matcher(part.substring(0, blank));
      if (name.find()) {
        String value = part.substring(blank + 4);
        if (value.endsWith("\r\n")) {
          value = value.substring(0, value.length() - 2);
        }
        into.putIfAbsent(name.group(1), value);
      }
    }
  }
}
